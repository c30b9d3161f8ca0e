"""Sequence operators: concatenation, repetition, comparison of lists/tuples/strs."""

a = [1, 2]
b = [3]
c = a + b
print(c, a, b, c is a)
print(a * 3, 3 * a, a * 0, a * -1, [] * 5, [[0]] * 3)
rows = [[0] * 2] * 2
rows[0][0] = 9
print("shared rows", rows)
print((1, 2) + (3,), (1,) * 4, () * 10, (1, (2,)) + ((3,),))
print("ab" + "cd", "ab" * 3, "-" * 20, "" * 100, "x" * True, "y" * False)
print(len("ab" * 1000), len([0] * 1000), len((1, 2) * 500))
print([1, 2, 3] < [1, 2, 4], [1, 2, 3] > [1, 2], [2] > [1, 5, 6], [] < [[]])
print((1, "b") < (1, "c"), (2,) > (1, 9, 9), (1, 2) <= (1, 2), (1, 2) >= (1, 3))
print(["a", "b"] < ["a", "c"], ["b"] > ["a", "z"], "abc" < "abd" < "b")
print([1, 2.0] == [1.0, 2], (1, True) == (1, 1), [[1], [2]] == [[1], [2]])
print(max([3, 1], [2, 9]), min((1, 2), (1,)), max("apple", "banana", "cherry"))
print(str([1, 2]) + str((3,)), list("ab") + [1], [1] + list((2, 3)))
x = [0]
y = x + x
y[0] = 5
print(x, y)
big = [1] * 2**3
print(big, (0,) * 2**2)
