"""int() of a list: int() argument must be a string, a bytes-like object or a real number, not 'list'."""

print(int("5"), int(5.5))
print(int([5]))
