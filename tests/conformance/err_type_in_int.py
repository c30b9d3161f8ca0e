"""Membership test in an int: argument of type 'int' is not iterable."""

print(1 in [1, 2])
container = 12
print(1 in container)
