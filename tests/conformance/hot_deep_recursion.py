"""Deep recursion (depth 500) executed repeatedly inside a loop."""


def depth(n):
    if n == 0:
        return 0
    return depth(n - 1) + 1


def sum_list(lst, i):
    if i == len(lst):
        return 0
    return lst[i] + sum_list(lst, i + 1)


total = 0
for i in range(50):
    total += depth(500)
print(total)

data = list(range(450))
s = 0
for i in range(20):
    s += sum_list(data, 0)
print(s)


def mutual_a(n):
    if n == 0:
        return "a"
    return mutual_b(n - 1)


def mutual_b(n):
    if n == 0:
        return "b"
    return mutual_a(n - 1)


out = []
for n in range(495, 501):
    out.append(mutual_a(n))
print(out)
