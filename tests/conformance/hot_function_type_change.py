# A hot recursive function whose arguments change type between calls (small ints,
# then big ints, floats and strings): the compiled entry's guards fail in the
# middle of a recursion and the call finishes in the interpreter, with the same
# results.


def total(n, step):
    if n == 0:
        return step
    return total(n - 1, step) + step


def walk(depth, width):
    if depth == 0:
        return 1
    count = 1
    count += walk(depth - 1, width)
    count += walk(depth - 1, width)
    return count * width


results = []
for rep in range(200):
    results.append(total(rep % 15, 3))
print(sum(results))
print(total(12, 2**62))
print(total(10, 0.5))
print(total(6, "ab"))
print(total(30, 7))
acc = 0
for rep in range(60):
    acc += walk(rep % 6, 2)
print(acc)
print(walk(4, 1.5))
print(walk(3, 2**70))
print(walk(5, 3))
