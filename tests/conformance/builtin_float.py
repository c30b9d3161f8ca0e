"""float(): from ints, bools and strings, including special values."""

print(float(), float(0), float(1), float(-5), float(True), float(False))
print(float(2**53), float(2**53 + 1), float(2**63), float(10**20), float(-10**300))
print(float("1e3"), float("1.5"), float("  2.25\n"), float("-0.0"), float("+3"), float(".5"))
print(float("5."), float("1_000.5"), float("1E-3"), float("1e500"), float("-1e500"))
print(float("inf"), float("-inf"), float("+inf"), float("Infinity"), float("INF"), float("-iNfInItY"))
print(float("nan"), float("-nan"), float("NaN"))
print(float("0.1"), float("0.30000000000000004"), float("123456789012345678"))
print(float("1e-400"), float("4.9e-324"), float("2.5e-324"))
print(float(1.5), float(-0.0), float(float("inf")))
print(float("٣.٥"))
for s in ["1", " 2 ", "3.0", "-4e2", "5E+1", "16"]:
    print([s], float(s))
print(float(7) / 2, float(7 // 2), float("7") == 7)
