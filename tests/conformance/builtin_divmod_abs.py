"""divmod() of ints and floats, and abs() of every numeric type."""

for a in [7, -7, 0, 13, -13, 2**70, -2**70]:
    for b in [3, -3, 1, 2**64]:
        print(a, b, divmod(a, b))
for a in [7.5, -7.5, 0.0, -0.0, 1e300, 0.1]:
    for b in [2, -2.0, 0.3, 1e-300]:
        print(a, b, divmod(a, b))
print(divmod(7, 2.5), divmod(-7, 2.5), divmod(True, True), divmod(5, True))
q, r = divmod(100, 7)
print(q, r, q * 7 + r)
inf = float("inf")
print(divmod(5, inf), divmod(-5, inf), divmod(inf, 5))
for v in [0, 5, -5, -2**63, 2**100, -2**100, 0.0, -0.0, -1.5, 1e300, -inf, True, False]:
    print(v, abs(v))
print(abs(-9223372036854775808), abs(-9223372036854775807 - 1) - 1)
