"""min() of an empty list: min() arg is an empty sequence."""

print(min([3, 1, 2]))
print(min([]))
