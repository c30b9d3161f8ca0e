"""An indented line where none is expected: IndentationError: unexpected indent."""
x = 1
    y = 2
print(x, y)
