"""A dedent to a column no block started at: unindent does not match any outer indentation level."""
if True:
        x = 1
    y = 2
print(x, y)
