# Recursive functions that return objects (lists, strings, big ints, tuples) and
# take float arguments: compiled calls hand an object back through the VM, and an
# immediate straight to the caller.


def build(n):
    if n == 0:
        return []
    rest = build(n - 1)
    rest.append(n)
    return rest


def text(n):
    if n == 0:
        return "x"
    return text(n - 1) + str(n % 10)


def big(n):
    if n < 2:
        return n * 10**20
    return big(n - 1) + big(n - 2)


def halve(n, x):
    if n <= 0:
        return x
    if n % 3 == 0:
        return halve(n - 1, x * 1.5)
    return halve(n - 1, x + 1)


def pair(d):
    if d == 0:
        return (1, 2)
    a = pair(d - 1)
    b = pair(d - 1)
    return (a[0] + b[0], a[1] * b[1] % 1000003)


t = 0
for i in range(300):
    t += len(build(i % 20))
    t += len(text(i % 15))
print(t, build(5), text(12), big(18))
r = 0.0
for i in range(2000):
    r += halve(i % 30, 0.5)
print(r, pair(12))
