"""int() of infinity: OverflowError: cannot convert float infinity to integer."""

x = 1e308
print(int(x) > 0)
x = x * 10
print(x)
print(int(x))
