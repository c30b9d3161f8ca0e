"""Shifting by a negative count: negative shift count."""

print(1 << 3, 8 >> 3)
n = -1
print(1 << n)
