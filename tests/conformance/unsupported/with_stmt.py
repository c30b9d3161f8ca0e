"""with is outside the subset."""
name = "x.txt"
with open(name) as fh:
    print(fh.read())
