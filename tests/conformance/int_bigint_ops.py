"""Arithmetic on big ints: huge // and %, powers, conversions, mixed signs."""

a = 3**200
b = 7**90
print(a)
print(b)
print(a + b, a - b, b - a)
print(a * b)
print(a // b, a % b, -a // b, -a % b, a // -b, a % -b, -a // -b, -a % -b)
print(divmod(a, b), divmod(-a, b))
print(a // 12345, a % 12345, -a // 12345, -a % 12345, a % -12345)
print(12345 // a, 12345 % a, -12345 // a, -12345 % a)
q, r = divmod(a, b)
print(q * b + r == a, 0 <= r < b)
print(10**50 // 10**25, 10**50 % (10**25 + 1), (10**50 + 7) % 10**25)
print(2**1000 % 1000007, (-(2**1000)) % 1000007)
print(len(str(2**10000)), str(2**10000)[:20], str(2**10000)[-20:])
f = 1
for i in range(1, 60):
    f *= i
print("59!", f)
print(f // (2**50), f % (2**50), f >> 50, f & (2**50 - 1))
print(int(str(f)) == f, int("-" + str(f)) == -f)
print((10**40 + 1) * (10**40 - 1) == 10**80 - 1)
print(2**200 - 2**199 == 2**199, 2**64 // 2**32, 2**64 % (2**32 + 1))
print((-3) ** 101, (-1) ** 1001)
print(2 ** 0, 10 ** 0, (2**100) ** 2 == 2**200)
print(abs(-2**100), -abs(2**100), +(2**100))
print(2**100 > 2**99, -2**100 < -2**99, 2**100 == 2**100, 2**100 != 2**100 + 1)
print(max(2**100, 2**99, 3), min(-2**100, 5), sum([2**64, 2**64, -2**65]))
print(bool(2**100), bool(2**100 - 2**100), str(-2**70), [2**70, (2**70,)])
n = 10**30
print(n // 3 * 3 + n % 3 == n, n % 7, (-n) % 7, n // -7, divmod(n, -7))
