"""bool is an int subclass: arithmetic, comparisons, and printing."""

print(True + 1, True + True, False + False, True - False, True * 3, False * 3)
print(True / 2, True // 2, True % 2, True ** 10, 2 ** True, 2 ** False)
print(True + 0.5, False - 1.5, True * "ab", False * [1], [1] * True)
print(True == 1, False == 0, True == 2, True < 2, False < True, True >= 1)
print(-True, -False, +True, ~True, ~False, abs(True), abs(-True))
print(True & False, True | False, True ^ True, True & 1, True << 4, True >> 1)
print(int(True), float(True), str(True), str(False), bool(True), bool(False))
print(sum([True, True, False, True]), max(True, 0), min(False, -1), max(True, 1))
print(divmod(True, 2), round(True), True in [1], 1 in [True], 0 in [False])
print([True, 1, 1.0], (False, 0, 0.0), [True == 1 == 1.0])
count = 0
for x in [1, 5, 9, 12, 30]:
    count += x > 7
print("count", count, count > 1)
print(True + True + True == 3, (1 < 2) + (2 < 3), (1 > 2) * 100)
b = True
b += 1
print(b, b == 2)
c = False
c -= 1
print(c)
print(1 if True + 0 else 2, "x" * (3 > 2), len("abc") == True + 2)
