"""Sets are outside the subset."""
x = 1
s = {x, 2, 3}
print(s)
