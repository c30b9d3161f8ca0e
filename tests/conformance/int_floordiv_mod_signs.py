"""Floor division and modulo round toward negative infinity, for ints and floats."""

for a in [7, -7, 6, -6, 0]:
    for b in [2, -2, 3, -3]:
        print(a, b, a // b, a % b, divmod(a, b))
for a in [7.5, -7.5, 7.0, -0.0, 0.0]:
    for b in [2, -2, 0.5, -0.5]:
        print(a, b, a // b, a % b, divmod(a, b))
print(7 // 2.0, -7 // 2.0, 7 % -2.0, -7 % 2.0)
print(1.0 // 0.1, 1.0 % 0.1, 0.3 // 0.1, 0.3 % 0.1)
print(-1e-300 % 1.0, 1e-300 % -1.0, -1e-300 // 1.0)
inf = float("inf")
print(5 % inf, -5 % inf, 5 % -inf, -5 % -inf, 5 // inf, -5 // inf)
print(inf // 1, inf % 1, -inf // 3)
print(10**20 // 3, -10**20 // 3, 10**20 % -3, -10**20 % -3)
print(-1 // 10**20, -1 % 10**20, 1 // -10**20, 1 % -10**20)
print(True // 1, True % 2, -True // 2, False % 3)
x = -17
print(x // 5 * 5 + x % 5 == x, x % 5 >= 0, x % -5 <= 0)
for i in range(-6, 7):
    print(i, i // 4, i % 4, i // -4, i % -4, i / 4)
