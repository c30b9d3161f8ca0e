"""int() of a float-looking str: invalid literal for int() with base 10: '2.5'."""

print(int("2"))
print(int("2.5"))
