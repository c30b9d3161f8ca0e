"""round() with and without ndigits: half-even rounding for ints and floats."""

for x in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.49999999999999994, 2.6, -2.6, 1e20, 1e300, -0.0]:
    print(x, round(x), round(x, 0), round(x, 1))
for x in [2.675, 1.005, 0.125, 0.375, 1.23456, -1.23456, 123.456, 0.1 + 0.2]:
    print(x, round(x, 2), round(x, 3), round(x, -1), round(x, 5))
for n in [0, 5, 15, 25, 1234, 1250, 1350, -1250, -1251, 2**70 + 50, 10**20 + 5 * 10**19]:
    print(n, round(n), round(n, 1), round(n, -1), round(n, -2), round(n, -20))
print(round(True), round(False), round(7, 0), round(7.0, 0), round(-7.5))
print(round(1.5e-300, 300), round(123456.789, -3), round(0.5, 400), round(5e-324, 323))
print(round(float("inf"), 2), round(float("nan"), 2), round(-float("inf"), -2))
print(round(2.5, None), round(3, None), round(1e16), round(2.0**60 + 0.5))
x = 0.0
for i in range(11):
    print(i, round(x, 1), round(x))
    x += 0.25
