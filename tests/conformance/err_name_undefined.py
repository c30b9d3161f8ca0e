"""Reading an undefined name: name 'x' is not defined."""

y = 1
print(y)
print(x)
