"""**kwargs parameters are outside the subset."""


def options(a, **kwargs):
    return a


print(options(1))
