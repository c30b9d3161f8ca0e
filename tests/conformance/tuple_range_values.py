"""Tuples and ranges as values: displays, indexing, comparison, conversion."""

t = (1, "two", 3.0, None, [5])
print(t, len(t), t[0], t[-1], t[1][0])
t[4].append(6)
print(t)
empty = ()
single = (42,)
also_single = 42,
not_tuple = (42)
print(empty, single, also_single, not_tuple, len(single))
pair = 1, 2
print(pair, pair == (1, 2), pair != (2, 1), pair < (1, 3))
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], nested[0] + nested[1], len(nested))
a, b = nested
print(a, b)
print(list(t[:2]), list(()), (1, 2) + (3,), (0,) * 3)
for x in (3, 1, 2):
    print("iter", x)
print(3 in (1, 2, 3), "a" in ("ab",), (1, 2) in ((1, 2), (3, 4)))
r = range(0, 30, 7)
print(r, len(r), list(r), 14 in r, 15 in r)
print(range(5), range(2, 5), range(0, 10, 2), range(10, 0, -1), range(-3))
print(list(range(-3)), len(range(-3)), bool(range(-3)), bool(range(3)))
for i in range(10, 20, 4):
    print("r", i)
total = 0
for i in range(1, 11):
    total += i * i
print("sum of squares", total)
rs = [range(2), range(1, 3)]
for rr in rs:
    for i in rr:
        print("nested range", i)
print(min((5, 2, 8)), max((5, 2, 8)), sum((5, 2, 8)))
print(sum(range(1, 6)), max(range(3, 9, 2)), min(range(9, 3, -2)))
