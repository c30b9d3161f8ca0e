"""Integer modulo by zero."""

for m in range(5, -1, -1):
    print("17 %", m, "=", 17 % m)
