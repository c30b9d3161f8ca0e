"""and / or return one of their operands; not; ternary expressions; short-circuit."""

print(0 or 5, 3 or 5, 0 and 5, 3 and 5)
print("" or "default", "set" or "default", [] or [1], None or 0, 0 or None)
print([] and 5, [0] and 5, None and 1, 1 and None, 0.0 or -0.0)
print(1 and 2 and 3, 1 and 0 and 3, 0 or "" or None, 0 or "" or 7 or 8)
print(1 or 2 and 3, (1 or 2) and 3, 0 and 1 or 2, 0 and (1 or 2))
print(not 0, not 1, not "", not "x", not [], not None)


def loud(label, v):
    print("called", label)
    return v


print(loud("a", 0) and loud("b", 1))
print(loud("a", 1) and loud("b", 2))
print(loud("a", 1) or loud("b", 2))
print(loud("a", "") or loud("b", []) or loud("c", "last"))

for x in [-5, 0, 5]:
    print(x, "pos" if x > 0 else "neg" if x < 0 else "zero")
print(loud("yes", 1) if True else loud("no", 2))
print(loud("yes", 1) if False else loud("no", 2))
y = 10
z = y if y > 5 else -y
print(z, (1 if y else 2) + 10, [y if y < 3 else "big"])
print(1 if [] else 2, 1 if [0] else 2, "t" if None else "f")
ok = y > 3 and y < 20
print(ok, y > 3 and "in range", y > 30 and "in range")
name = ""
print(name or "anonymous", len(name or "anonymous"))
print(True and False or True, not True and False, not (True and False))
