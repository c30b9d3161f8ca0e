"""in / not in on lists, tuples, strings and ranges."""

lst = [1, 2.5, "three", [4], (5,), None, True]
for x in [1, 2.5, "three", [4], (5,), None, True, 4, "thr", 1.0, 0]:
    print([x], x in lst, x not in lst)

t = (10, 20, 30)
print(10 in t, 25 in t, 30.0 in t, 10 not in t, () in ((),), (1,) in (1,))

s = "hello world"
for sub in ["h", "hello", "o w", "", "xyz", "world!", "lo", "H"]:
    print([sub], sub in s, sub not in s)
print("" in "", "a" in "", "é" in "café")

r = range(0, 20, 3)
for x in [0, 3, 4, 18, 20, 21, -3, 6.0, 6.5, True, False]:
    print(x, x in r, x not in r)
print(5 in range(10, 0, -1), 10 in range(10, 0, -1), 0 in range(10, 0, -1))
print(2**100 in range(2**101), -1 in range(0), 5 in range(5, 5))
print(1 in [True], 0 in [False], 1.0 in [1], "1" in [1])
print([1, 2] in [[1, 2], [3]], [1] in [[1, 2]])
nested = [[1, 2], [3, 4]]
print(3 in nested, [3, 4] in nested, 3 in nested[1])
nan = float("nan")
same = [nan]
print(nan in same)  # identity of distinct float objects is not observable here
