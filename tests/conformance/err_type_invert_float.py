"""Inverting a float: bad operand type for unary ~: 'float'."""

print(~5)
y = 5.0
print(~y)
