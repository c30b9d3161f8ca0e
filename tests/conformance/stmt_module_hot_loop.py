"""Top-level loops over globals: hot loops at module level, no functions."""

total = 0
i = 0
while i < 20000:
    total += i * i % 7
    i += 1
print("while total", total)

acc = 0
for j in range(30000):
    if j % 3 == 0:
        acc += j
    elif j % 3 == 1:
        acc -= 1
    else:
        acc ^= j
print("for acc", acc)

lst = []
for k in range(5000):
    lst.append(k * 2)
s = 0
for v in lst:
    s += v
print("list sum", s, len(lst))

x = 1.0
for k in range(10000):
    x = x * 1.0001 + 0.5
print("float", x)

text = ""
for k in range(2000):
    text += "ab"[k % 2]
print(len(text), text[:10], text[-10:])

a, b = 0, 1
for k in range(300):
    a, b = b, a + b
print("fib 300", a)

count = 0
for outer in range(100):
    for inner in range(100):
        if (outer ^ inner) & 1:
            count += 1
print("count", count)
print("loop vars leak:", i, j, k, outer, inner)
