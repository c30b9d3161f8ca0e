"""Bytes literals are outside the subset."""
x = 1
data = b"abc"
print(data, x)
