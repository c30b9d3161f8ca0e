"""Popping a missing index: pop index out of range."""

lst = [1, 2, 3]
print(lst.pop(1), lst)
print(lst.pop(5))
