"""A block that is not indented: IndentationError: expected an indented block after 'if' statement on line 3."""
x = 1
if x:
print(x)
