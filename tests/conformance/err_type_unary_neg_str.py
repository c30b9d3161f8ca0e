"""Negating a str: bad operand type for unary -: 'str'."""

xs = [1, 2.5, "three"]
for x in xs:
    print(-x)
