"""A def statement executed repeatedly inside a loop redefines the function."""

total = 0
for i in range(1500):
    if i % 500 == 0:
        if i == 0:
            def step(x):
                return x + 1
        elif i == 500:
            def step(x):
                return x + 10
        else:
            def step(x):
                return x + 100
    total = step(total)
print(total)


def kind(n):
    return "first"


names = []
for i in range(1000):
    if i == 700:
        def kind(n):
            return "second"
    if i % 100 == 0:
        names.append(kind(i))
print(names)

acc = 0
for i in range(2000):
    def scale(x, k=i):
        return x * k
    acc += scale(1)
print(acc)
