"""str() and bool() of every type."""

for v in [0, -5, 2**100, 1.0, -0.0, 1e16, 0.1, float("nan"), True, False, None,
          "s", "", [1, "a"], [], (1,), (), ("a", 2), range(3), range(1, 5, 2)]:
    print([str(v)], len(str(v)))
print(str(), [str()], str("already"), str(str(5)) + "!")
print(str(1) + str(2), str(1.5) + str(None), str([None]))
for v in [0, 1, -1, 0.0, -0.0, 0.5, float("nan"), float("inf"), "", " ", "0", "False",
          [], [[]], [0], (), (None,), None, True, False, range(0), range(1), 2**100, -2**100]:
    print([v], bool(v))
print(bool(), bool(1) + bool(2))
print(bool(0 + 0.0), bool(1 - 1), bool("a" * 0), bool([] + []), bool(() + (1,)))
