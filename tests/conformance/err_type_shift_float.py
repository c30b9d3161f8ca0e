"""Shifting a float: unsupported operand type(s) for <<: 'float' and 'int'."""

print(1 << 4)
x = 1.0
print(x << 4)
