"""range() of a float: 'float' object cannot be interpreted as an integer."""

n = 10
print(list(range(n // 2)))
print(list(range(n / 2)))
