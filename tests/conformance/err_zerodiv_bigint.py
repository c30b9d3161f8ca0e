"""Floor division of a big int by zero inside a function."""


def ratio(a, b):
    return a // b


print(ratio(10**30, 7))
print(ratio(10**30, 0))
