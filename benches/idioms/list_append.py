# Growing lists with append and reading them back.
total = 0
for rep in range(10):
    squares = []
    for i in range(100000):
        squares.append(i * i)
    total += squares[-1] + len(squares)
print(total)
