"""A global function name rebound inside a hot loop (f = g at iteration 500)."""


def f(x):
    return x + 1


def g(x):
    return x * 2


total = 0
for i in range(1000):
    if i == 500:
        f = g
    total += f(i)
print(total)


def h(x):
    return x - 1


def run(n):
    global f
    s = 0
    for i in range(n):
        if i == 300:
            f = h
        if i == 600:
            f = abs
        s += f(i - 1000)
    return s


print(run(900))
print(f(-5))

op = len
results = []
for i in range(1200):
    if i == 400:
        op = str
    if i == 800:
        op = bool
    v = op("x" * (i % 3))
    if i % 200 == 0:
        results.append(v)
print(results)


def caller(fn, n):
    acc = 0
    for i in range(n):
        acc += fn(i)
    return acc


print(caller(g, 1000), caller(h, 1000), caller(abs, 1000))
