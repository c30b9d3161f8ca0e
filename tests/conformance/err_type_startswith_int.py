"""str.startswith with an int: startswith first arg must be str or a tuple of str, not int."""

print("abc".startswith("a"))
print("abc".startswith(1))
