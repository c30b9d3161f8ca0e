"""repr/str of floats: shortest round-trip digits, exponent thresholds, specials."""

vals = [1.0, 0.1 + 0.2, 1e16, 1e-05, float("inf"), float("nan"), -0.0, 1 / 3,
        2.5e-07, 123456789012345678.0, 0.0, -1.0, 100.0, 1e15, 9999999999999998.0,
        1e16 - 1, 1e-4, 0.0001, 0.00001234, 1e22, 1e23, 1.5e300, 5e-324,
        1.7976931348623157e308, 2.0**0.5, -1.5e-10, float(2**60), 1e100, 0.1, 0.7,
        3.0 * 1.1, 1234567890123456.8, 12345678901234567.0, 1.25, -2.5, 0.5, 1e-7,
        float("-inf"), 4.35, 2.675, 0.3, 1 / 7, 2 / 3, 1e21, 1e-6, 123.456, 1.0e-323]
for v in vals:
    print(v, [v], str(v), (v,))
print(1e16 / 10, 1e15 * 10, 2.0**53, 2.0**63, 2.0**64, 2.0**100, 2.0**-20)
print(0.1 * 3, 0.1 + 0.7, 1.1 * 1.1, 100 * 1.1, 3 * 0.1 == 0.3)
print(float(10**15), float(10**16), float(10**17), float(-10**16))
x = 1.0
for i in range(25):
    x /= 10
    print(x, end=" ")
print()
y = 1.0
for i in range(25):
    y *= 10
    print(y, end=" ")
print()
print(-0.0, 0.0 * -1, -0.0 + 0.0, -0.0 - 0.0, -0.0 * -0.0, 0 * -1.0)
print(str(-0.0), str(float("nan")), str(-float("inf")), str(float("-nan")))
