"""Calling an int: 'int' object is not callable."""


def double(x):
    return x * 2


print(double(4))
double = 8
print(double(4))
