"""Indexing a list with a str: list indices must be integers or slices, not str."""

items = ["a", "b", "c"]
print(items[0])
key = "1"
print(items[key])
