# Taking the same slice of a list in a loop.
xs = list(range(100))
total = 0
for i in range(200000):
    window = xs[10:90]
    total += window[i % 80]
print(total)
