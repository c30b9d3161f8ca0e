"""Calling through a list of functions in a hot loop, and mutating that list."""


def inc(x):
    return x + 1


def dbl(x):
    return x * 2


def neg(x):
    return -x


def sq(x):
    return x * x % 1000003


fns = [inc, dbl, neg, sq]
x = 1
for i in range(4000):
    x = fns[i % len(fns)](x)
print(x)

counts = [0, 0, 0, 0]
for i in range(3000):
    f = fns[(i * 7) % 4]
    if f is inc:
        counts[0] += 1
    elif f is dbl:
        counts[1] += 1
    elif f is neg:
        counts[2] += 1
    else:
        counts[3] += 1
print(counts)

pipeline = [inc]
v = 0
for i in range(1000):
    if i == 250:
        pipeline.append(dbl)
    if i == 500:
        pipeline[0] = neg
    if i == 750:
        pipeline.pop()
    for fn in pipeline:
        v = fn(v) % 1000000007
print(v)

table = []
for i in range(10):
    table.append(fns[i % 4])
out = []
for fn in table:
    out.append(fn(7))
print(out)
