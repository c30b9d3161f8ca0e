"""A hot loop that raises in iteration 700: the program ends with a traceback."""


def step(i, d):
    return i // d


total = 0
for i in range(1000):
    d = 700 - i
    total += step(i, d)
    if i % 100 == 0:
        print(i, total)
print("never reached")
