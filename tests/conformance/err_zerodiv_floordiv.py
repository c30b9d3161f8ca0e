"""Integer floor division by zero."""


def halve_until(n, d):
    while n > 0:
        print(n)
        n = n // d
        d -= 1
    return n


print(halve_until(1000, 3))
