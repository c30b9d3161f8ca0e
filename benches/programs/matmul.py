"""Benchmark: nested-loop matrix multiplication on lists of lists."""


def make_matrix(n, seed):
    m = []
    x = seed
    for i in range(n):
        row = []
        for j in range(n):
            x = (x * 1103515245 + 12345) % 2147483648
            row.append((x % 1000) / 100.0 - 5.0)
        m.append(row)
    return m


def matmul(a, b):
    n = len(a)
    p = len(b[0])
    inner = len(b)
    c = []
    for i in range(n):
        ai = a[i]
        row = [0.0] * p
        for k in range(inner):
            aik = ai[k]
            bk = b[k]
            for j in range(p):
                row[j] += aik * bk[j]
        c.append(row)
    return c


n = 170
a = make_matrix(n, 1)
b = make_matrix(n, 2)
c = matmul(a, b)
c = matmul(c, a)
trace = 0.0
total = 0.0
for i in range(n):
    trace += c[i][i]
    for j in range(n):
        total += c[i][j]
print(round(trace, 6), round(total, 6))
