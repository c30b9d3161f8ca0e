# A recursive function compiled for ints, then called with a float, a bool and a
# str: the entry check fails in the compiled call and the VM finishes it, down to
# the TypeError the str brings.


def f(n):
    if n < 2:
        return n
    return f(n - 1) + f(n - 2)


a = 0
for i in range(200):
    a += f(10)
print(a, f(10.0), f(True))
print(f("x"))
print("never printed")
