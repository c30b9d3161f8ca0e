"""A hot loop whose operand becomes a str at iteration 1500: TypeError ends it."""

values = []
for i in range(2000):
    if i < 1500:
        values.append(i)
    else:
        values.append(str(i))
total = 0
count = 0
for v in values:
    total = total + v
    count += 1
    if count % 250 == 0:
        print(count, total)
