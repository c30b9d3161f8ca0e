"""Indexing past the end of a tuple: tuple index out of range."""

t = (1, 2)
print(t[0], t[1], t[-2])
print(t[2])
