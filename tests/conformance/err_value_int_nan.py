"""int() of a NaN: cannot convert float NaN to integer."""

print(int(2.5))
print(int(float("nan")))
