"""Using the None result of a function: unsupported operand type(s) for +: 'NoneType' and 'int'."""


def maybe(x):
    if x > 0:
        return x


total = 0
for v in [3, 2, 1, 0]:
    r = maybe(v)
    print("got", r)
    total = r + total
