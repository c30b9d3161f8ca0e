"""A hot loop whose range runs past the end of the list it indexes: IndexError at
exactly the first index out of range, after every earlier iteration's output."""


def walk(a, n):
    t = 0
    for i in range(n):
        t += a[i]
        if i % 100 == 99:
            print(i, t)
    return t


print(walk(list(range(500)), 500))
print(walk(list(range(450)), 500))
