"""Indexing a tuple with a float: tuple indices must be integers or slices, not float."""

t = (1, 2, 3)
i = 1.0
print(t[1])
print(t[i])
