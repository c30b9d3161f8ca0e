"""Too many arguments to a function with defaults: takes from 1 to 2 positional arguments."""


def g(a, b=2):
    return a - b


print(g(5), g(5, 1))
print(g(5, 1, 0))
