"""Hot loops that index a list by the counter while the list changes length in the
loop (appends, pops, an insert, a callee that extends it), and one whose
index runs at offsets into a list exactly long enough."""


def grow(a, n):
    for i in range(n):
        a.append(a[i] + 1)
    return a


def churn(a, n):
    s = 0
    for i in range(n):
        a.append(i)
        s += a[i]
        a.pop()
    return s


def splice(a, n):
    s = 0
    for i in range(n):
        s += a[i]
        a.insert(i, i)
    return s, len(a)


def extend(a, extra):
    a.extend(extra)


def fed(a, n):
    s = 0
    for i in range(n):
        if i >= len(a) - 1:
            extend(a, [i, i + 1])
        s += a[i + 1]
    return s


def pairs(a):
    s = 0
    for i in range(len(a) - 2):
        s += a[i] * a[i + 2] - a[i + 1]
    return s


print(grow([1], 300)[-1], churn(list(range(5)), 3), splice([1, 2], 300))
print(fed([0, 1], 300), pairs(list(range(400))), pairs([1, 2]))
