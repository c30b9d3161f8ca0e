"""chr() out of range: chr() arg not in range(0x110000)."""

print(chr(65), chr(0x10FFFF) == "\U0010ffff")
print(chr(0x110000))
