"""Benchmark: the Leibniz series for pi, a float sum whose sign flips every term."""


def leibniz(n):
    total = 0.0
    sign = 1.0
    for k in range(n):
        total += sign / (2 * k + 1)
        sign = -sign
    return 4.0 * total


print(round(leibniz(10000000), 9))
