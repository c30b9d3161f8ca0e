"""Ordering an int against a str: '<' not supported between instances of 'int' and 'str'."""

values = [1, 3, "2"]
largest = values[0]
for v in values:
    print("comparing", v)
    if largest < v:
        largest = v
print(largest)
