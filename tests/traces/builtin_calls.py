# Calls of len, abs, int and float on the types they are most often given are
# recorded as the trace's own ops after a guard that the callee is that builtin.
def run(rows, n):
    total = 0
    for i in range(n):
        row = rows[i % 2]
        x = i * 0.75 - 3.0
        total += len(row) + abs(i - 3) + int(abs(x)) + int(float(i) / 2)
    return total


print(run([[1, 2], [3]], 8))
