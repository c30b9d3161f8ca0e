"""Nested hot loops over lists of lists with float and int accumulators."""

n = 60
a = []
for i in range(n):
    row = []
    for j in range(n):
        row.append((i * j) % 7 - 3)
    a.append(row)
trace = 0
for i in range(n):
    trace += a[i][i]
print("trace", trace)
total = 0
for row in a:
    for v in row:
        total += v * v
print("sum of squares", total)
transposed = []
for j in range(n):
    col = []
    for i in range(n):
        col.append(a[i][j])
    transposed.append(col)
print(transposed == a, transposed[3][:8])
f = 0.0
for i in range(200):
    for j in range(200):
        f += 1.0 / (i + j + 1)
print(f)
tri = 0
for i in range(300):
    for j in range(i):
        tri += 1
print(tri)
