"""Dicts are outside the subset."""
print("start")
d = {"a": 1, "b": 2}
print(d)
