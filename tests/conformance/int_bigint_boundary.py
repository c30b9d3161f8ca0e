"""Crossing the i64 boundary in both directions with + - * << ** // % and unary ops."""

MAX = 2**63 - 1
MIN = -2**63
print(MAX, MIN, MAX + MIN)
print(MAX + 1, MAX + 2, MIN - 1, MIN - 2)
print(MAX + 1 - 1, MIN - 1 + 1, (MAX + 1) - (MAX + 1))
print(-MIN, -(MIN + 1), abs(MIN), abs(MIN + 1), -(-MIN))
print(MAX * 2, MIN * 2, MIN * -1, MAX * -1, MIN * 1, MAX * MAX)
print(MIN // -1, MIN % -1, MIN // 1, MIN % 1, MIN // 2, MIN % 2)
print(divmod(MIN, -1), divmod(MAX + 1, -1), divmod(MIN, 7))
print(-2**63 // -1, (-2**63) // -1)
print(2**62 + 2**62, 2**62 * 2, 2**62 * -2, -(2**62) * 2, -(2**62) * -2)
print(4611686018427387904 + 4611686018427387903)
print(3037000499 * 3037000499, 3037000500 * 3037000500, -3037000500 * 3037000500)
print(1 << 62, 1 << 63, -1 << 63, -1 << 64, MAX << 1, MIN << 1, 3 << 62)
print((MAX << 1) >> 1, (MIN << 1) >> 1, (1 << 63) >> 1, (1 << 64) >> 64)
print(2 ** 62, 2 ** 63, 2 ** 64, (-2) ** 63, (-2) ** 64, 3 ** 39, 3 ** 40, 3 ** 41)
print(7 ** 22, 7 ** 23, (-7) ** 23, 10 ** 18, 10 ** 19)
print(~MAX, ~MIN, ~(MAX + 1), ~(MIN - 1))
print(MAX & MIN, MAX | MIN, MAX ^ MIN, (MAX + 1) & MAX, (MAX + 1) | MAX)
print(MAX - MIN, MIN - MAX, MIN + MIN, MAX + MAX)
big = MAX + 1
print(big - 1 == MAX, big - 1 < big, MIN - 1 < MIN, big // 2, big % 3)
print(big // big, big % big, big * 0, big - big, 0 - big)
print(2**100, -2**100, 2**100 - 2**100 + 5, 2**100 // 2**99, 2**100 % 1000)
print(2**64 - 1, 2**64 + 1, (2**64 - 1) * (2**64 + 1), 2**128 - 1)
x = MAX
x += 1
print(x, x - 1)
x = MIN
x -= 1
print(x, x + 1)
y = 1
for i in range(70):
    y *= 2
print(y)
for i in range(70):
    y //= 2
print(y)
print(MAX == 2**63 - 1, MAX + 1 == 2**63, MIN == -(2**63))
print(MAX > MAX - 1, MAX + 1 > MAX, MIN - 1 < MIN, MAX + 1 != MAX)
print([MAX, MAX + 1, MIN, MIN - 1])
print(int("9223372036854775807"), int("9223372036854775808"), int("-9223372036854775809"))
print(str(MAX + 1), len(str(MIN - 1)), float(MAX), float(MIN), float(MAX + 1))
