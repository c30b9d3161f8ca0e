"""Function definitions with positional parameters and default values."""


def greet(name, greeting="hello", punct="!"):
    return greeting + ", " + name + punct


print(greet("ann"))
print(greet("bob", "hi"))
print(greet("cy", "hey", "?"))

LIMIT = 10


def clamp(x, lo=0, hi=LIMIT):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


LIMIT = 99
for v in [-5, 0, 5, 10, 15, 100]:
    print("clamp", v, clamp(v), clamp(v, 3), clamp(v, 3, 7))


def accumulate(x, acc=[]):
    acc.append(x)
    return acc


print(accumulate(1))
print(accumulate(2))
mine = []
print(accumulate(3, mine))
print(accumulate(4))
print(mine)


def power(base, exp=2, mod=None):
    r = base ** exp
    if mod is not None:
        r = r % mod
    return r


print(power(3), power(3, 3), power(3, 40), power(3, 40, 1000))
print(power(2.5), power(-2, 3), power(2, -2))


def none_default(a, b=None):
    if b is None:
        return "b missing"
    return "b=" + str(b)


print(none_default(1))
print(none_default(1, 0))
print(none_default(1, ""))


def no_params():
    return 42


print(no_params())


def many(a, b, c, d=4, e=5, f=6):
    return a * 100000 + b * 10000 + c * 1000 + d * 100 + e * 10 + f


print(many(1, 2, 3))
print(many(1, 2, 3, 0))
print(many(1, 2, 3, 0, 0, 0))


def tuple_default(t=(1, 2)):
    return t + (3,)


print(tuple_default())
print(tuple_default((9,)))
