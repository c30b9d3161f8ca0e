"""List comprehensions are outside the subset."""
n = 5
squares = [i * i for i in range(n)]
print(squares)
