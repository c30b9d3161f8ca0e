"""The constants True, False and None, and how they print and compare."""

print(True, False, None)
print([True, False, None])
print((None,))
print(True == 1, False == 0, True == 1.0, None == 0, None == False)
print(True is True, None is None, False is not None)
print(not None, not True, not False)
x = None
print(x, x is None, x is not None)
t = True
f = False
print(t and f, t or f, f or None, None or f, t and None)
print(str(True) + str(None), len(str(False)))
print(True + True, True * 10, False - True)
print(-True, +False, ~False, ~True)
