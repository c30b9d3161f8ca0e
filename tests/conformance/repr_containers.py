"""Printing containers uses repr of the elements, recursively."""

print(["a", 1, (2.0, None)])
print((1,), (), [], [[]], [()], ((),), (1, (2, (3,))), [[1, [2, [3, []]]]])
print([True, False, None, 0, -1, 1.5, -0.0, float("inf"), float("nan")])
print(("x", "y"), ["x", ("y",)], [1, "1", [1], (1,), "(1,)"])
print([2**100, -2**64, 1e16, 1e-05, 0.1 + 0.2])
print([range(3), range(1, 10, 2), range(0), range(-5, 5)])
print(range(3), range(2, 7), range(10, 0, -2), str(range(5)))
print([[], [[]], [[], []]], ((), ((),)))
print(str([1, "a"]), str((1, "a")), str(["it's"]), len(str([1, 2])))
nested = [1, [2, 3], (4, [5, (6,)])]
print(nested, nested[2], nested[2][1], nested[2][1][1])
lst = [1, 2]
lst.append(lst)
print(lst, len(lst))
t = (lst, "t")
print(t)
a = []
b = [a]
a.append(b)
print(a, b)
print([[1, 2, 3]] * 3)
print(("only",), ("a", "b"))
print([1.0, 2.50, 3.125], (0.1,), [10.0 ** 20, 10.0 ** -20])
print([" ", "", "  x  "], ("\n",), ["\\n"])
