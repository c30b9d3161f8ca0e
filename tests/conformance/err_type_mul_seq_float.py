"""Repeating a list by a float: can't multiply sequence by non-int of type 'float'."""

print([0] * 3)
n = 6 / 2
print(n)
print([0] * n)
