"""A range counter that runs past the end of a list: list index out of range."""

xs = list(range(40))
total = 0
for i in range(50):
    total += xs[i] + (i + 1)
    print(total)
