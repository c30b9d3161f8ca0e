"""Indexing an int: 'int' object is not subscriptable."""

pairs = [[1, 2], [3, 4], 5]
for p in pairs:
    print(p[0])
