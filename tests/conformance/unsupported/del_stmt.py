"""del is outside the subset."""
lst = [1, 2, 3]
del lst[0]
print(lst)
