# Converting ints to strings and back.
total = 0
for i in range(150000):
    s = str(i * 37)
    total += int(s) + len(s)
print(total)
