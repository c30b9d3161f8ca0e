"""Converting an int of more than 4300 digits to str: CPython 3.11 refuses with a ValueError."""

n = 10**4299
print(len(str(n)))
n = n * 10
print(n > 0)
print(n)
