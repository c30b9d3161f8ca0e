"""Assigning to an attribute is outside the subset (there are no objects with attributes)."""
lst = [1]
lst.size = 1
print(lst)
