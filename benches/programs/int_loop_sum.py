"""Benchmark: a tight integer loop with a modulo and a branch, inside a function."""


def run(n):
    total = 0
    i = 0
    while i < n:
        if i % 3 == 0:
            total += i
        else:
            total -= 1
        i += 1
    return total


checksum = 0
for rep in range(5):
    checksum += run(1500000) % 1000000007
print(checksum)
