# Calling small functions in a loop.
def add(x, y):
    return x + y


def clamp(x, low, high):
    if x < low:
        return low
    if x > high:
        return high
    return x


total = 0
for i in range(500000):
    total = add(total, clamp(i % 100, 10, 90))
print(total)
