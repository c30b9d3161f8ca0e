"""round() of infinity: OverflowError: cannot convert float infinity to integer."""

print(round(2.5), round(float("inf"), 1))
print(round(float("inf")))
