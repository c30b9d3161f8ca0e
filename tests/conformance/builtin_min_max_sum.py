"""min, max and sum over iterables and several arguments."""

print(min(3, 1, 2), max(3, 1, 2), min([5, -1, 3]), max([5, -1, 3]))
print(min((4, 2)), max((4, 2)), min("hello"), max("hello"), min(range(5, 10)), max(range(5, 10)))
print(min(1, 2.5), max(1, 2.5), min(2, 2.0), max(2, 2.0), min(2.0, 2), max(2.0, 2))
print(min("b", "a", "c"), max("apple", "pear", "fig"), min(["b"], ["a", "z"]))
print(max([1, 2], [1, 2, 0]), min((3, 1), (2, 9)), max([[1], [0, 5]]))
print(min([7]), max((7,)), max(range(1)), min("z"))
print(max(True, False), min(True, 2), max(0, False), max(False, 0))
print(max(2**100, 2**99), min(-2**100, 1.5), max(float("inf"), 10**400))
print(max(1, float("nan")), max(float("nan"), 1), min(float("nan"), 0))
print(max([3, 1, 4, 1, 5, 9, 2, 6]), min([3, 1, 4, 1, 5, 9, 2, 6]))
print(sum([]), sum([1, 2, 3]), sum((1, 2, 3)), sum(range(101)), sum(range(10), 100))
print(sum([0.1] * 10), sum([1, 2.5]), sum([True, True]), sum([], 5), sum([[1], [2]], []))
print(sum([1e100, 1.0, -1e100]), sum([2**64, 2**64]), sum([0.5, 0.25], 1))
print(sum([(1,), (2, 3)], ()), sum([-1, -2], -3), sum(range(10**5)))
lst = [5, 3, 8]
print(sum(lst) / len(lst), max(lst) - min(lst))
