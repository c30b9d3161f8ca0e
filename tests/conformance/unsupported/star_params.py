"""*args parameters are outside the subset."""


def total(*args):
    return sum(args)


print(total(1, 2))
