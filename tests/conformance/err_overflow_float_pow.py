"""Float power overflow: OverflowError: (34, 'Numerical result out of range')."""

print(2.0 ** 1000)
print(2.0 ** 10000)
