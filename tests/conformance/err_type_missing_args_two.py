"""Calling with no arguments: missing 2 required positional arguments: 'a' and 'b'."""


def f(a, b, c=3):
    return a + b + c


print(f(1, 2))
print(f())
