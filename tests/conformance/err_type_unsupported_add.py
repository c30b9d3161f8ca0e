"""Adding a str to an int: unsupported operand type(s) for +: 'int' and 'str'."""

total = 0
for item in [1, 2, "3", 4]:
    total = total + item
    print("total", total)
