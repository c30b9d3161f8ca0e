"""for loops that unpack tuples, lists and strings into several names."""

pairs = [(1, "a"), (2, "b"), (3, "c")]
for n, s in pairs:
    print(n, s)

for a, b in [[1, 2], [3, 4]]:
    print(a + b)

for x, y in ["xy", "ab", "12"]:
    print(y, x)

for a, b, c in [(1, 2, 3), (4, 5, 6)]:
    print(a * b * c)

points = [(0, 0), (3, 4), (-1, 1)]
for x, y in points:
    print("point", x, y, x * x + y * y)

i = 0
for a, b in ((i, i + 1), (i + 2, i + 3)):
    print("tuple of tuples", a, b)

for k, v in [("k1", [1, 2]), ("k2", [])]:
    v.append(k)
    print(k, v)

rows = [(1, 2.5), (2, 3.5), (3, -1.0)]
total = 0
for qty, price in rows:
    total += qty * price
print("total", total)

for first, rest in [(1, (2, 3)), ("a", "bc")]:
    print(first, rest)

index = 0
for letter in "abc":
    print(index, letter)
    index += 1

for a, b in [(1, 2)]:
    a, b = b, a
    print("swapped", a, b)
print("after loop", a, b)
