"""Bitwise operators & | ^ << >> on small, negative and big ints, and bools."""

vals = [0, 1, 5, -1, -6, 255, 2**40 + 3, -(2**40)]
for a in vals:
    for b in [0, 3, -3, 12]:
        print(a, b, a & b, a | b, a ^ b)

for n in [1, -1, 7, -7, 2**62, -(2**62)]:
    print(n, n << 0, n << 1, n << 3, n << 63, n << 64, n >> 1, n >> 3, n >> 70)

print(1 << 62, 1 << 63, 1 << 64, 1 << 200)
print((1 << 200) >> 199, (1 << 200) >> 300, (-1 << 200) >> 300)
print(-1 >> 1, -2 >> 1, -3 >> 1, -(2**100) >> 99)
big = 2**70 + 2**65 + 12345
print(big & 0xFFFF, big | 1, big ^ big, big ^ -1, big & -big)
print(-big & 0xFFFFFFFFFFFFFFFFFFFF, -big | 0xFF, -big ^ 0xFF)
print(~big, ~-big, ~(2**63 - 1), ~(-(2**63)))
print(True & True, True & False, True | False, True ^ True, False ^ True)
print(True & 3, True | 2, True << 3, 8 >> True)
print(0b1100 & 0b1010, 0b1100 | 0b1010, 0b1100 ^ 0b1010)
x = 0xDEADBEEF
print((x >> 16) & 0xFFFF, x & 0xFFFF, (x << 4) & 0xFFFFFFFF)
