"""Binary arithmetic on small ints, mixed int/float, and their result types."""

ints = [0, 1, -1, 7, -7, 13, 100]
for a in ints:
    for b in [1, -1, 3, -3, 10]:
        print(a, b, a + b, a - b, a * b, a / b, a // b, a % b)

print(2 ** 10, 2 ** 0, 0 ** 0, (-2) ** 3, (-2) ** 4, 2 ** -2, (-2) ** -3)
print(10 ** 18, 10 ** 19, 7 ** 23)
print(1 + 2.0, 3 - 0.5, 4 * 0.25, 9 / 3, 9.0 // 2, 9 % 2.5, 2 ** 0.5, 4 ** 0.5)
print(1.5 + 1.5, 0.1 + 0.2, 0.1 * 3, 1.0 - 0.9, 3.0 * 1.1)
print(6 / 3, 7 / 2, -7 / 2, 1 / 3, 2 / 3, 10 / 4)
print(3 * "ab", "ab" * 3, [0] * 4, (1, 2) * 2, "x" * 0, "x" * -3, [1] * -1)
print("con" + "cat", [1] + [2, 3], (1,) + (2,))
print(True + 1, False * 5, True / 2, 3 - True)

x = 12345
y = 678
print(x * y, x // y, x % y, x - y * (x // y))
print(x ** 3 - y ** 4)
print(-x // y, -x % y, x // -y, x % -y)
print(1000000007 * 1000000009)
print(3037000499 * 3037000499, 3037000500 * 3037000500)
