"""An assignment with two equals signs: invalid syntax."""
print("never printed")
x = = 2
