"""True division by zero: ZeroDivisionError: division by zero."""

values = [10, 5, 2, 1, 0]
for v in values:
    print("100 /", v, "=", 100 / v)
