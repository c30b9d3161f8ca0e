# Calls inside a loop are inlined, two levels deep: each callee is guarded by its code
# object, each call costs a step, and snapshots inside a callee rebuild its frames.
def square(x):
    return x * x


def add_square(a, b):
    return a + square(b)


def run(n):
    t = 0
    for i in range(n):
        t = add_square(t, i) % 1000003
    return t


print(run(3000))
