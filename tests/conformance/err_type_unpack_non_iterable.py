"""Unpacking an int: cannot unpack non-iterable int object."""

pairs = [(1, 2), (3, 4), 5]
for p in pairs:
    a, b = p
    print(a, b)
