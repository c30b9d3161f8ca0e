# Calls of len, abs, int and float on the types they are most often given, and of
# min and max on two ints or two floats, are recorded as the trace's own ops after
# a guard that the callee is that builtin (min and max as a guarded comparison).
def run(rows, n):
    total = 0
    for i in range(n):
        row = rows[i % 2]
        x = i * 0.75 - 3.0
        total += len(row) + abs(i - 3) + int(abs(x)) + int(float(i) / 2)
        total += min(i, 100) + int(max(x, 0.5))
    return total


print(run([[1, 2], [3]], 8))
