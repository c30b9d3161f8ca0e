"""Assigning into a tuple: 'tuple' object does not support item assignment."""

t = (1, 2, 3)
print(t)
t[0] = 10
print(t)
