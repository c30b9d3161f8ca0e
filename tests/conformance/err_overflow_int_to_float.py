"""A huge int mixed with a float: OverflowError: int too large to convert to float."""

n = 2**1023
print(n * 1.0)
n = n * 2
print(n + 1.5)
