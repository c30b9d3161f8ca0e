"""Indexing a str with a float: string indices must be integers, not 'float'."""

s = "hello"
i = len(s) / 2
print(i)
print(s[i])
