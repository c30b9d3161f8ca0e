# min and max of two ints or two floats in hot loops: ties keep the first argument
# (0.0 and -0.0 print differently), NaN compares false either way round, the order
# flips from one iteration to the next, and mixed int and float arguments.
def running(values):
    lo = values[0]
    hi = values[0]
    flips = 0
    for rep in range(40):
        for v in values:
            new_lo = min(lo, v)
            if new_lo != lo:
                flips += 1
            lo = new_lo
            hi = max(hi, v)
    return lo, hi, flips


def pairs(xs):
    out = []
    total = 0.0
    for rep in range(30):
        for i in range(len(xs) - 1):
            a = xs[i] * 1.0
            b = xs[i + 1] * 1.0
            total += min(a, b) - max(a, b)
            if rep == 0:
                out.append(min(a, b))
                out.append(max(b, a))
    return total, out


def ints(n):
    s = 0
    for i in range(n):
        s += min(i % 7, 3) + max(i % 5, 2) - min(-i, i) + max(i * i, 2**62)
    return s


print(running([5, 3, 9, -2, 7, 2**40, -(2**40), 0]))
print(running([0.5, -1.5, 2.25, float("inf"), -3.0]))
nan = float("nan")
print(pairs([0.0, -0.0, 1.0, nan, 2.0, nan, nan, -1.0, -0.0, 0.0]))
print(ints(5000))
mixed = [1, 2.5, 3, -0.5, 4]
m = 0
for rep in range(300):
    for x in mixed:
        m = max(m, x) if rep % 2 else min(m, x)
print(m)
