"""Benchmark: a function with a short loop (about 60 iterations), called from a long outer loop."""


def fib_small(n):
    a = 0
    b = 1
    for i in range(n):
        a, b = b, a + b
    return a


checksum = 0
for rep in range(1000000):
    checksum = (checksum + fib_small(50 + rep % 20)) % 1000000007
print(checksum)
