"""list.index of a missing value: 4 is not in list."""

lst = [1, 2, 3]
print(lst.index(2))
print(lst.index(4))
