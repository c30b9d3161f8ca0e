# A recursive function that rebinds its own global name halfway down: the call
# below the rebinding reaches the other function, and the frames above still hold
# the function they were running.


def other(m):
    return 1000


def f(n):
    global f
    if n == 0:
        return 0
    if n == 37:
        old = f
        f = other
        r = old(n - 1) + f(0)
        f = old
        return r
    return f(n - 1) + 1


acc = 0
for i in range(400):
    acc += f(i % 50)
print(acc)
