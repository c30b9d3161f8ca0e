"""Indexing past the end of a str: string index out of range."""

s = "abc"
for i in range(5):
    print(i, s[i])
