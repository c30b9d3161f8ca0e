"""float() of a bad str: could not convert string to float: '1.2.3'."""

print(float("1.5"), float(" -2 "))
print(float("1.2.3"))
