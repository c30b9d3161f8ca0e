"""A string that runs off the end of its line."""
print("never printed")
s = "abc
print(s)
