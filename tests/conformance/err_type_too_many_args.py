"""Calling with too many arguments: f() takes 2 positional arguments but 3 were given."""


def f(a, b):
    return a * b


print(f(2, 3))
print(f(2, 3, 4))
