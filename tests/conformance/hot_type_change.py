"""A hot loop in which a variable changes type: int -> float -> str -> int."""


def run(n):
    x = 0
    trail = []
    for i in range(n):
        if i < 1000:
            x = x + i
        elif i < 2000:
            if i == 1000:
                x = float(x)
            x = x + 0.5
        elif i < 3000:
            if i == 2000:
                x = str(x)
            if i % 100 == 0:
                x = x + "."
        else:
            if i == 3000:
                x = len(x)
            x += 1
        if i % 500 == 0:
            trail.append(x)
    return x, trail


result, trail = run(4000)
print(result)
print(trail)

v = 1
for i in range(3000):
    if i == 1000:
        v = 1.0
    if i == 2000:
        v = True
    v = v * 1 if i % 2 else v
    if i % 250 == 0:
        print(i, v, [v])

acc = []
items = [1, 2.5, "s", [1], (2,), True, None, 2**70]
for i in range(2400):
    item = items[i % len(items)]
    if i % 300 == 0:
        acc.append(item)
    if item is None:
        continue
    doubled = item * 2 if i % 8 != 2 else item + item
    if i >= 2392:
        print(i, doubled)
print(acc)

y = 0
for i in range(5000):
    y = y + 1 if i < 2500 else y - 0.5
print(y)
