"""Float modulo by zero: the message is just `float modulo`."""

print(7.5 % 2)
z = 0
print(7.5 % z)
