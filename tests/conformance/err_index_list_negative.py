"""A negative index too far back: list index out of range."""

lst = [1, 2, 3]
print(lst[-1], lst[-3])
print(lst[-4])
