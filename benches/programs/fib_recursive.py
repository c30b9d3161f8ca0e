"""Benchmark: doubly recursive Fibonacci, a hot function with no loop in it."""


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print(fib(34))
