"""Functions as values: passed as arguments, stored in lists, rebound, redefined."""


def double(x):
    return x * 2


def square(x):
    return x * x


def negate(x):
    return -x


def apply(f, x):
    return f(x)


def apply_twice(f, x):
    return f(f(x))


print(apply(double, 5), apply(square, 5), apply(negate, 5))
print(apply_twice(double, 3), apply_twice(square, 3), apply_twice(negate, 3))

ops = [double, square, negate]
for f in ops:
    print(f(7), apply(f, 1.5))

print(ops[1](9), ops[-1](ops[0](4)))

g = double
print(g(10))
g = square
print(g(10))
double = negate
print(double(10), g(10))


def compose_apply(fs, x):
    for f in fs:
        x = f(x)
    return x


print(compose_apply([square, negate, square], 3))
print(compose_apply([], 3))


def pick(n):
    if n == 0:
        return square
    return negate


print(pick(0)(6), pick(1)(6))


def version():
    return 1


print("version", version())
saved = version


def version():
    return 2


print("version", version(), saved())

table = [(double, "double"), (square, "square")]
for fn, name in table:
    print(name, fn(3))


def call_all(fs, arg):
    out = []
    for f in fs:
        out.append(f(arg))
    return out


print(call_all(ops, 2))
ops.reverse()
print(call_all(ops, 2))
print(call_all([len, list, str], "ab"))
print(apply(abs, -3), apply(str, 4.5), apply(bool, []))
print(double is negate, g is square, square is not negate, f is f)
builtin = print
builtin("printed", "via", "alias")
