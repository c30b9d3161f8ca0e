"""Benchmark: the sieve of Eratosthenes on a list of flags, repeated."""


def sieve(n):
    flags = [True] * (n + 1)
    flags[0] = False
    flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            j = i * i
            while j <= n:
                flags[j] = False
                j += i
        i += 1
    count = 0
    last = 0
    for k in range(n + 1):
        if flags[k]:
            count += 1
            last = k
    return count, last


total = 0
for rep in range(20):
    count, last = sieve(400000 + rep)
    total += count
print(total, count, last)
