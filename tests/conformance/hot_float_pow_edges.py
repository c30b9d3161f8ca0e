"""Float powers in a hot loop: every kind of base and exponent the fast path must hand back, then an overflow raised from inside the loop."""

inf = float("inf")
nan = float("nan")
bases = [2.0, 0.5, 1.0, 1e-300, 3.7, 0.0, -0.0, -2.0, -1.0, inf, -inf, nan, 10.0]
exponents = [0.5, 2.0, -1.5, 3.0, 0.0, -0.0, 1e-5, 1.0, 300.0, -300.0, inf, -inf, nan, 2.5]
total = 0.0
seen = []
for rep in range(60):
    for a in bases:
        for b in exponents:
            if a < 0.0 and b != b // 1 and b == b and b != inf and b != -inf:
                continue
            if a == 0.0 and b < 0.0:
                continue
            if a == 1e-300 and b < -1.0:
                continue
            r = a ** b
            if rep == 0:
                seen.append(r)
            if r == r and r != inf and r != -inf:
                total += r
print(seen)
print(total)
x = 1.5
for i in range(200):
    x = x ** 1.01
    if i % 50 == 0:
        print(i, x)
y = 1.0001
for i in range(100000):
    y = y ** 1.5
print(y)
