"""divmod() of ints by zero."""

print(divmod(2**70, 3))
print(divmod(2**70, 0))
