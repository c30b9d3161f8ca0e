"""Comparisons of every kind, chained comparisons, and their evaluation rules."""

print(1 < 2, 2 < 1, 1 <= 1, 1 >= 2, 1 == 1, 1 != 1)
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 < 3 > 2, 1 == 1 == 1, 1 == 1 != 2)
print(0 <= 0 < 1 <= 1 < 2, 5 > 4 >= 4 > 3 != 2 == 2)
print(1 == 1.0, 1 < 1.5, 2 > 1.5, -0.0 == 0.0, 0 == -0.0)
print("a" < "b", "a" < "B", "abc" < "abd", "ab" < "abc", "" < "a", "Z" < "a")
print("é" > "z", "a" == "a", "a" != "A")
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] < [0], [2] > [1, 99], [1, 2] == [1, 2])
print((1, 2) < (1, 3), (1,) < (1, 0), () == (), (1, "a") < (1, "b"))
print([1, 2] == (1, 2), [1] != (1,), "1" == 1, None == None, None != 0)
print([1, [2, 3]] == [1, [2, 3]], [1, [2, 3]] < [1, [2, 4]])
print(range(3) == range(0, 3), range(0) == range(5, 5), range(0, 3, 2) == range(0, 4, 2))
nan = float("nan")
inf = float("inf")
print(nan == nan, nan != nan, nan < 1, nan > 1, nan <= nan, inf > 10**300, -inf < -10**300)
print([nan] == [nan], (1, nan) == (1, nan))
print(True > False, True == 1 < 2, False < 0.5)


def val(label, v):
    print("eval", label)
    return v


print(val("a", 1) < val("b", 2) < val("c", 3))
print(val("a", 1) < val("b", 0) < val("c", 3))
print(val("a", 5) == val("b", 5) == val("c", 6) == val("d", 7))
x = 5
print(0 < x < 10, 0 < x < 5, x == 5 > 4)
lo, hi = 1, 10
for v in [0, 1, 5, 10, 11]:
    print(v, lo <= v <= hi, lo < v < hi)
a = [1]
b = [1]
print(a == b, a is b, a is not b, a is a)
