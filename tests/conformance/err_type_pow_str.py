"""Power of a str: unsupported operand type(s) for ** or pow(): 'str' and 'int'."""

print(2 ** 8)
s = "2"
print(s ** 8)
