"""Adding an int to a list: can only concatenate list (not "int") to list."""

lst = [1, 2]
lst = lst + [3]
print(lst)
lst = lst + 4
