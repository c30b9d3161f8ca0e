"""assert statements that pass, with and without messages."""

assert True
assert 1
assert "non-empty"
assert [0]
assert 1 < 2 < 3
assert 2**100 > 2**99, "big ints compare"
print("simple asserts passed")


def check(x):
    assert x >= 0, "negative: " + str(x)
    assert x == x
    return x * 2


for v in [0, 1, 2.5, 10**30]:
    print(check(v))


def side(msg):
    print("message evaluated:", msg)
    return msg


assert True, side("never evaluated")
print("message only evaluated on failure")

total = 0
for i in range(1000):
    assert i >= 0, "loop"
    total += i
print("total", total)
