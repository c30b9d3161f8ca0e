"""Ranges whose bounds reach the edges of i64: lengths, iteration, items past any index, and len() past ssize_t."""

M = 9223372036854775807
for a, b, c in [(-M - 1, M, 1), (M, -M - 1, -1), (-M - 1, M, 2), (0, 2**100, 1)]:
    r = range(a, b, c)
    print(r[0], r[-1], r[-2], r[1])
    print(r[M // 2], r[-(M // 2)])
for a, b, c in [(0, 10, 3), (10, 0, -3), (-M - 1, -M + 5, 2), (M, M - 7, -3), (3, 4, M), (4, 3, -M - 1)]:
    seen = []
    for x in range(a, b, c):
        seen.append(x)
    print(len(range(a, b, c)), seen)
print(len(range(0, M, 1)), len(range(-M - 1, -1)), len(range(-1, M - 1)), len(range(-M - 1, M, 2)))
print(len(range(-M - 1, M, 1)))
