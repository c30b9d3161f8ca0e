"""A dangling operator: SyntaxError: invalid syntax. Nothing runs, so stdout is empty."""
print("never printed")
x = 1
y = x +
print(y)
