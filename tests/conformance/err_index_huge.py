"""Indexing with a huge int: cannot fit 'int' into an index-sized integer."""

lst = [1, 2, 3]
print(lst[:2**100])
print(lst[2**100])
