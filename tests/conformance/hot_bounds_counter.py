"""Lists indexed by a range counter in hot loops: sums, stencils at offsets, stores,
ranges from 1 and to len - 1, negative indexes, empty ranges, and loops entered again
and again with lists of other lengths (the bounds check is made once per entry)."""


def total(a, n):
    t = 0
    for i in range(n):
        t += a[i]
    return t


def stencil(a):
    b = [0] * len(a)
    for i in range(1, len(a) - 1):
        b[i] = a[i - 1] + 2 * a[i] + a[i + 1]
    return b


def prefix(a):
    out = [0] * (len(a) + 1)
    for i in range(1, len(a) + 1):
        out[i] = out[i - 1] + a[i - 1]
    return out


def circular(a):
    # a[i - 1] at i = 0 is the last item.
    s = 0
    for i in range(len(a)):
        s += a[i - 1] * a[i]
    return s


def backwards(a):
    s = 0
    for i in range(len(a) - 1, -1, -1):
        s = s * 3 + a[i]
        s %= 1000003
    return s


def negative(a):
    s = 0
    for i in range(-len(a), 0):
        s += a[i] * (i + 1)
    return s


def stepped(a):
    s = 0
    for i in range(0, len(a), 3):
        s += a[i]
    return s


data = []
for k in range(300):
    data.append((k * 7) % 13)
print(total(data, 300), total(data, 0), total(data, 17))
print(sum(stencil(data)), stencil([1, 2, 3]), stencil([5]), stencil([]))
print(prefix(data)[-1], prefix(data)[150], prefix([]))
print(circular(data), circular([4]), circular([2, 3]))
print(backwards(data), negative(data), stepped(data))
acc = 0
for rep in range(200):
    size = rep % 37
    chunk = data[:size]
    acc += total(chunk, size) + sum(stencil(chunk)) + prefix(chunk)[-1]
    acc += circular(chunk) + backwards(chunk) + stepped(chunk)
print(acc)
