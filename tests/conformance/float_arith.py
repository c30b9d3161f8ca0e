"""Float arithmetic: inf and nan propagation, signed zero, rounding of ops."""

inf = float("inf")
nan = float("nan")
print(inf + 1, inf - inf, inf * 0, inf * -1, inf / inf, 1 / inf, -1 / inf)
print(nan + 1, nan * 0, nan - nan, -nan, abs(-inf), abs(nan))
print(inf > 1e308, -inf < -1e308, inf == inf, inf == -inf, nan == nan)
print(1e308 * 10, -1e308 * 10, 1e308 + 1e308, 1e-320 / 1e10, 2.0 ** -1080)
print(0.0 * -1, -0.0 + 0, 0.0 - 0.0, -0.0 - 0.0, -0.0 * 2, 0.0 / -5)
print(1.5 ** 2, 2.0 ** 10, 2 ** 0.5, 4.0 ** 0.5, 8 ** (1 / 3), 10.0 ** -2, (-2.0) ** 3)
print(0.0 ** 0, 0.0 ** 1.5, 1.0 ** inf, inf ** 0, nan ** 0, 1 ** nan)
print(2.0 ** 1023, 2.0 ** -1074, (-1.0) ** 0.0, (-8.0) ** 3.0)
print(0.1 + 0.2, 0.1 + 0.2 - 0.3, 1 - 0.9, 1e16 + 1, 1e16 + 2, 2**53 + 1.0)
s = 0.0
for i in range(10):
    s += 0.1
print(s, s == 1.0)
t = 1.0
for i in range(1000):
    t *= 1.01
print(t)
print(3.5 + True, 1.5 * False, 10.0 - 2**70, 2**70 + 0.5, 2**70 * 1.5)
print(float("inf") - 10**300, 10**300 * 1.0, 1.0 * -10**300)
print(7.0 // 2, 7.0 % 2, -7.0 // 2, -7.0 % 2, 7.5 // -2, 7.5 % -2)
print(abs(-2.5), abs(-0.0), abs(2.5), -abs(-0.0))
print(1e300 * 1e300, -(1e300 * 1e300), 1e300 * 1e300 - 1e300 * 1e300)
