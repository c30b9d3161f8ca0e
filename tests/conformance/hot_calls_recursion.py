"""Calls and recursion inside hot loops."""


def add(a, b):
    return a + b


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def sum_to(n):
    if n == 0:
        return 0
    return n + sum_to(n - 1)


total = 0
for i in range(10000):
    total = add(total, i)
print(total)

fibs = []
for i in range(22):
    fibs.append(fib(i))
print(fibs)

s = 0
for i in range(200):
    s += sum_to(i % 50)
print(s)


def collatz_len(n):
    steps = 0
    while n != 1:
        if n % 2:
            n = 3 * n + 1
        else:
            n //= 2
        steps += 1
    return steps


best = 0
best_n = 0
for n in range(1, 3000):
    c = collatz_len(n)
    if c > best:
        best = c
        best_n = n
print(best_n, best)


def poly(x):
    return 3 * x * x - 2 * x + 1


acc = 0.0
for i in range(5000):
    acc += poly(i * 0.001)
print(acc)


def count_down(n, out):
    if n > 0:
        out.append(n)
        count_down(n - 1, out)
    return out


lens = 0
for i in range(100):
    lens += len(count_down(i, []))
print(lens)
