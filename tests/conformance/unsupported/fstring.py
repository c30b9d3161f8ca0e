"""f-strings are outside the subset."""
name = "world"
print(f"hello {name}")
