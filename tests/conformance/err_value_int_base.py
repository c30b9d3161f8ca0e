"""int() with a digit outside the base: invalid literal for int() with base 2: '102'."""

print(int("101", 2))
print(int("102", 2))
