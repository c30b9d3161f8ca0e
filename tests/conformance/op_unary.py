"""Unary operators -, +, not and ~ on every type that supports them."""

for v in [0, 1, -1, 5, 2**63, -2**63, 2**100]:
    print(v, -v, +v, ~v, not v)
for v in [0.0, -0.0, 1.5, -2.5, float("inf"), float("nan")]:
    print(v, -v, +v, not v)
for v in [True, False]:
    print(v, -v, +v, ~v, not v)
for v in ["", "a", [], [1], (), (1,), None]:
    print([v], not v)
print(--5, -(-5), - - 5, ~~5, not not 5, -+-+1)
print(-2 ** 2, (-2) ** 2, -2 ** -1, ~0, ~-1)
print(not 1 == 2, not (1 == 2), (not 1) == 2)
x = 3
print(-x * 2, -x ** 2, ~x + 1, -(x - 10))
