"""Closures (a def inside a def) are outside the subset."""


def outer(x):
    def inner(y):
        return x + y
    return inner(1)


print(outer(2))
