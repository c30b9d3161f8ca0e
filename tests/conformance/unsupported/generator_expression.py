"""Generator expressions count as comprehensions."""
n = 5
print(sum(i for i in range(n)))
