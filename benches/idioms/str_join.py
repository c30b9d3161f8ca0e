# Joining many small strings with a separator.
parts = []
for i in range(2000):
    parts.append("item" + str(i))
total = 0
for rep in range(2000):
    line = ",".join(parts)
    total += len(line)
print(total, line[:30])
