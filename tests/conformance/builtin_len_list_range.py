"""len() of everything, list() conversions and range() argument forms."""

print(len(""), len("abc"), len("héllo"), len("😀"), len([]), len([1, [2, 3]]))
print(len(()), len((1,)), len((1, 2, 3)), len(range(10)), len(range(0)), len(range(5, 0)))
print(len(range(0, 10, 3)), len(range(10, 0, -3)), len(range(-10, 10, 7)), len(range(2**62, 2**62 + 5)))
print(list(), list("abc"), list((1, 2)), list([3, 4]), list(range(5)), list(""))
print(list(range(3, 8)), list(range(0, 20, 5)), list(range(10, 0, -2)), list(range(5, 0)))
print(list(range(-3, 3)), list(range(0, -10, -3)), list(range(2**64, 2**64 + 3)))
print(list(range(True, 5)), list(range(3)) + list(range(3)))
a = [1, 2, 3]
b = list(a)
b.append(4)
print(a, b, a == b[:3], a is b)
t = list((a, a))
t[0].append(9)
print(t, a)
print(list("héllo wörld"))
r = range(1, 10, 2)
print(r, len(r), list(r), list(r) == [1, 3, 5, 7, 9])
for i in range(3, -4, -3):
    print("step", i)
print(len(str(2**1000)), len([0] * 1000), len("ab" * 50))
print(len(list(range(1000))), sum(list(range(1000))))
