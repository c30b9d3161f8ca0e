# len, abs, int and float called in hot loops on lists, ints and floats, with the
# values where each does something else: the most negative 64-bit int, floats at
# and past 2**63, -0.0, NaN and infinities (which raise), and a name rebound
# between calls of a function with a compiled loop.
def sizes(rows):
    total = 0
    for rep in range(200):
        for row in rows:
            total += len(row)
            if len(row) > 2:
                row.append(rep)
                row.pop()
    return total


def absolutes(values):
    total = 0
    ftotal = 0.0
    for rep in range(100):
        for v in values:
            total += abs(v)
            ftotal += abs(v * 0.5)
    return total, ftotal


def truncations(values):
    out = []
    total = 0
    for rep in range(50):
        for x in values:
            n = int(x)
            total += int(n)
            if rep == 0:
                out.append(n)
    return total, out


def widen(n):
    s = 0.0
    for i in range(-n, n):
        s = float(s) + float(i) / 3
        s += float(i * 1000003) * 0.5
    return s


print(sizes([[1], [1, 2], [1, 2, 3], [], [4, 5, 6, 7]]))
print(absolutes([3, -3, 0, -(2**63 - 1), 2**62, -(2**62), 7]))
print(absolutes([-(2**63), 5]))
print(truncations([0.5, -0.5, -0.0, 2.9, -2.9, 1e18, -1e18, 9.2e18, -9.223372036854775808e18]))
print(truncations([1e19, -1e19, 2.0**63, 123.75]))
print(widen(3000))
signs = [1.0, -2.5, 0.0, -0.0]
acc = 0.0
for i in range(3000):
    acc += abs(signs[i % 4]) + abs(i - 1500)
print(acc)
def rebind(n):
    total = 0
    for i in range(n):
        total += abs(i - 50)
    return total
print(rebind(100))
abs = float
print(rebind(100))
