"""Zero raised to a negative power."""

print(2 ** -1, 0 ** 0, 0.0 ** 1)
base = 0
print(base ** -1)
