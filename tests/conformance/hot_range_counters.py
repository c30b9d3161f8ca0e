"""Range counters a tracing JIT may bound: near the largest i64, negative steps,
steps other than 1, negative starts, and indices that count from the end."""


def count_up(lo, n):
    out = []
    for i in range(lo, lo + n):
        out.append(i + 1)
        out.append(i - 1)
    return out[-4:]


def near_max():
    # i + 1 passes 2**63 - 1: the add must promote to a big int, not wrap.
    out = []
    for i in range(2**63 - 6, 2**63):
        out.append(i + 1)
    print(out)
    # The same loop, hot with small counters first, then near the largest int.
    print(count_up(0, 50))
    print(count_up(2**63 - 20, 20))
    print(count_up(-2**63, 20))
    total = 0
    for i in range(2**63 - 1, 2**63 - 40, -1):
        total += i + 1 - 2**63
    print(total)


def descending(xs):
    # Negative steps; an index that goes below zero counts from the end.
    total = 0
    for i in range(len(xs) - 1, -len(xs) - 1, -3):
        total += xs[i] * (i + 1)
    print(total)


def stepped(xs):
    total = 0
    for i in range(0, len(xs), 7):
        total += xs[i]
        xs[i] = i - 1
    for i in range(5, len(xs) * 3, 5):
        total += xs[i // 3]
    print(total, xs[:15])


def negative_starts(xs):
    # The same loop entered with starts of either sign: an index may count from
    # the end on some entries only.
    for start in [0, 5, -10, 3, -39, 10, 0]:
        total = 0
        for i in range(start, start + 30):
            total += xs[i]
            xs[i - 1] = total % 97
        print(start, total)


def previous(xs):
    # xs[i - 1] at i == 0 is the last item.
    out = []
    for i in range(len(xs)):
        out.append(xs[i - 1] - xs[i])
    print(out[:10], sum(out))


def big_bounds():
    # Ranges past 2**62 on either side, and one that crosses zero.
    for lo in [2**62 - 10, -2**62 - 10, -25, 10]:
        acc = 0
        for i in range(lo, lo + 40):
            acc = acc + (i + 1) - (i - 1)
        print(lo, acc)


xs = list(range(40))
near_max()
descending(xs)
stepped(list(range(60)))
negative_starts(xs)
previous(list(range(0, 100, 3)))
big_bounds()
