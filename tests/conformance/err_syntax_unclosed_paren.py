"""A parenthesis that is never closed: '(' was never closed."""
print("never printed")
x = (1, 2
y = 3
