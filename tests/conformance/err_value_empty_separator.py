"""str.split with an empty separator: empty separator."""

print("a,b".split(","))
print("ab".split(""))
