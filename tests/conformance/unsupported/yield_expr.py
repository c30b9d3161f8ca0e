"""Generators (yield) are outside the subset."""


def gen(n):
    yield n


print(gen(3))
