"""A hot loop indexing a list by its counter while a callee shrinks the list every
so often: the loop must notice the shorter list and raise IndexError exactly where
CPython does, with the partial sums printed before."""


def shrink(a, i):
    if i % 50 == 49:
        a.pop()
    return 1


def scan(a):
    t = 0
    for i in range(len(a)):
        t += a[i] + shrink(a, i)
        if i % 40 == 0:
            print(i, len(a), t)
    return t


print(scan(list(range(1000))))
