"""len() of an int: object of type 'int' has no len()."""

for x in ["abc", [1, 2], (3,), 42]:
    print(len(x))
