"""divmod() of floats by zero: `float divmod()`."""

print(divmod(7, 2), divmod(7.0, 2))
print(divmod(7.0, 0.0))
