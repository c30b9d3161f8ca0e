"""Range counters indexing a list the loop resizes, and one it empties."""


def shrink(xs):
    for i in range(len(xs)):
        if i < len(xs):
            xs[i] = xs[i] + i
        else:
            print("gone", i)
        if i % 4 == 3:
            xs.pop()
    print(xs)


def grow(xs):
    total = 0
    for i in range(len(xs) * 2):
        total += xs[i] * 2
        xs.append(i + 1)
    print(total, len(xs))


def emptied(xs):
    total = 0
    for i in range(30):
        if i == 20:
            while len(xs) > 0:
                xs.pop()
            for k in range(5):
                xs.append(7)
        if i < len(xs):
            total += xs[i]
    print(total, xs)


shrink(list(range(30)))
grow(list(range(25)))
emptied(list(range(30)))
