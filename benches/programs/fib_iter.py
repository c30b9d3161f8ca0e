"""Benchmark: iterative Fibonacci modulo a prime, repeated."""


def fib_mod(n, m):
    a = 0
    b = 1
    for i in range(n):
        a, b = b, (a + b) % m
    return a


checksum = 0
for rep in range(1400):
    checksum = (checksum * 31 + fib_mod(10000 + rep, 1000000007)) % 1000000007
print(checksum)
