"""Ordering a list against an int: '>' not supported between instances of 'list' and 'int'."""

x = [1]
print(x > [0])
print(max(1, 2))
print(x > 2)
