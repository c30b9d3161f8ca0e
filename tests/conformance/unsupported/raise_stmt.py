"""raise is outside the subset."""


def check(x):
    raise ValueError("bad")


print(check(1))
