"""A list mutated while a hot loop iterates over it."""

lst = [0]
for x in lst:
    if len(lst) < 3000:
        lst.append(x + 1)
print(len(lst), lst[-1], sum(lst))

lst = list(range(2000))
seen = 0
for x in lst:
    seen += 1
    if x % 3 == 0:
        lst.pop()
print(seen, len(lst))

data = list(range(1000))
for i in range(len(data)):
    data[i] = data[i] * data[i] % 97
print(sum(data), data[:10])

grow = [1]
i = 0
for v in grow:
    i += 1
    if v < 1000:
        grow.append(v * 2)
        grow.append(v * 3)
    if i > 5000:
        break
print(i, len(grow), grow[-3:])

buf = []
for i in range(5000):
    buf.append(i)
    if len(buf) > 100:
        buf.pop(0)
print(len(buf), buf[0], buf[-1])
