"""is / is not on None, True, False and on the same objects."""

x = None
print(x is None, x is not None, None is None)
b = 1 < 2
print(b is True, b is False, (not b) is False, b is not True)
a = [1, 2]
c = a
d = [1, 2]
print(a is c, a is d, a == d, a is not d, c is not a)
c.append(3)
print(a, a is c)
t = (1, 2)
u = t
print(t is u)


def f():
    return None


print(f() is None, f is f)
g = f
print(g is f)


def h():
    pass


print(g is h, g is not h)
lst = [a, a, d]
print(lst[0] is lst[1], lst[0] is lst[2])
print(bool(0) is False, bool(5) is True, (1 == 1) is True)
empty = []
print(empty is empty, empty is not [])
for v in [None, True, False, 0, "", []]:
    print([v], v is None, v is True, v is False)
