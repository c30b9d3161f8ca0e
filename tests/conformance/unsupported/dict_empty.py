"""An empty pair of braces is a dict display."""
d = {}
print(d)
