"""Benchmark: a loop whose work is mostly calls to small functions of one to three arguments."""


def square(x):
    return x * x


def parity(n):
    return n % 2


def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def add3(a, b, c):
    return a + b + c


def mix(h, v):
    return (h * 31 + v) % 1000000007


def run(n):
    h = 0
    for i in range(n):
        x = clamp(i % 1000 - 100, 0, 800)
        y = add3(x, square(i % 50), parity(i))
        h = mix(h, y)
    return h


print(run(3000000))
