# chr() converts its argument to a C int before checking the code point range:
# within the C int range a bad code point is a ValueError, outside it an OverflowError.
print(chr(65), chr(0x10FFFF) == "\U0010ffff")
codes = [-1, 0x110000, -2**31, 2**31 - 1]
for code in codes:
    print(code, code < 0 or code >= 0x110000)
big = 2**31
print(chr(big))
