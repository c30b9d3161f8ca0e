"""Every way out of a hot `for` loop over a range, from its steady state: a branch
that takes a side trace and comes back, `break` at many points, `return` from
inside, the loop variable after the loop, and inner loops entered again and again
with fresh ranges. Each must find the range's iterator exactly where the loop left
it."""


def branchy(n):
    total = 0
    for i in range(n):
        if i % 7 == 3:
            total += 2 * i
        else:
            total += i
    return total


def break_at(n, stop):
    last = -1
    for i in range(n):
        if i == stop:
            break
        last = i
    return last, i


def return_inside(n, stop):
    for i in range(3, n, 3):
        if i >= stop:
            return i
    return -1


def after_loop(n):
    i = -5
    for i in range(n):
        pass
    return i


def nested(rows, cols):
    total = 0
    for r in range(rows):
        for c in range(r % 5, cols):
            total += r * c
    return total


def descending(n):
    out = 0
    for i in range(n, 0, -2):
        out = out * 3 % 1000003 + i
    return out


print(branchy(2000))
for stop in (0, 1, 30, 55, 400, 1999, 5000):
    print(break_at(2000, stop))
for stop in (2, 100, 1000, 10**6):
    print(return_inside(3000, stop))
for n in (1, 2, 100, 1000):
    print(after_loop(n))
print(nested(300, 40))
print(descending(5001))
