"""A builtin called with the wrong number of arguments: len() takes exactly one argument (0 given)."""

print(len("abc"))
print(len())
