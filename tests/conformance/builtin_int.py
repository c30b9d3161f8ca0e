"""int(): from ints, floats, bools and strings, with and without a base."""

print(int(), int(0), int(42), int(-7), int(2**100), int(True), int(False))
print(int(3.9), int(-3.9), int(0.5), int(-0.5), int(-0.0), int(1e20), int(1.5e300) > 10**299)
print(int(9.223372036854776e18), int(-9.223372036854776e18), int(2.0**63), int(1e16 + 1))
print(int("42"), int("  42 "), int("-17"), int("+5"), int("0"), int("-0"), int("007"))
print(int("1_000"), int(" \t\n12\n"), int("123456789012345678901234567890"))
print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0x1f", 0), int("-0b101", 0))
print(int("777", 8), int("0o777", 0), int("101", 2), int("z", 36), int("Zz", 36))
print(int("10", 10), int("10", 2), int("10", 36), int("0", 0), int("1_0", 0))
print(int("٣"), int("١٢٣"), int("１２"))
for s in ["1", "12", "-99", "  +0  ", "9223372036854775808", "-9223372036854775809"]:
    print([s], int(s), int(s) + 1)
x = 7.99999
print(int(x), int(-x), int(x * 10), int(x / 10))
print(int(int(5)), int(str(2**70)) == 2**70, int("-" + str(2**70)))
