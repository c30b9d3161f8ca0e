"""Starred assignment targets are outside the subset."""
values = [1, 2, 3]
first, *rest = values
print(first, rest)
