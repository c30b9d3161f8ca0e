# Calls a trace cannot inline run as nested calls from the trace (`call_py`):
# recursive functions, functions that fill defaults, and callees that rebind or
# mutate what the calling loop still holds.


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def scaled(x, factor=3, offset=1):
    return x * factor + offset


def rebind(n):
    global data
    if n == 0:
        data = [str(len(data)) * 40]
        return 0
    return rebind(n - 1)


def clobber(items, n):
    if n == 0:
        items[0] = "short"
        return len(items)
    return clobber(items, n - 1)


def countdown(n):
    if n == 0:
        raise_here = 1 // n
    return countdown(n - 1)


data = ["a" * 40]
total = 0
for i in range(40):
    held = data[0]
    rebind(2)
    total += len(held + "!")
    total += fib(i % 12) + scaled(i) + scaled(i, 2) + scaled(i, 1, 0)
    words = ["w" * 30 + str(i), "x"]
    first = words[0]
    clobber(words, 3)
    total += len(first) + len(words[0])
print(total, data[0][:10])

results = []
for i in range(30):
    results.append(fib(i % 9))
print(results)

for i in range(10):
    if i == 7:
        countdown(3)
    total += i
print(total)
