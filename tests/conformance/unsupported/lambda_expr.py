"""lambda is outside the subset."""
values = [3, 1, 2]
double = lambda v: v * 2
print(double(values[0]))
