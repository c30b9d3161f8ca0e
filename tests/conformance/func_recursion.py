"""Recursion: simple, mutual, with accumulators, and over lists."""


def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


for n in [0, 1, 5, 10, 20, 21, 25, 30]:
    print("fact", n, fact(n))


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


for n in range(0, 21, 4):
    print("fib", n, fib(n))


def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)


for n in [0, 1, 10, 33, 200]:
    print("parity", n, is_even(n), is_odd(n))


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


for m in range(3):
    for n in range(4):
        print("ack", m, n, ackermann(m, n))


def total(lst, i=0):
    if i == len(lst):
        return 0
    return lst[i] + total(lst, i + 1)


print(total([1, 2, 3, 4, 5]), total([]), total([0.5, 0.25]))


def flatten(x, out):
    for item in x:
        if item == [] or (len(str(item)) > 0 and str(item)[0] == "["):
            flatten(item, out)
        else:
            out.append(item)
    return out


print(flatten([1, [2, [3, [4, []]], 5], [[6]]], []))


def hanoi(n, src, dst, via, moves):
    if n == 0:
        return moves
    hanoi(n - 1, src, via, dst, moves)
    moves.append(src + dst)
    hanoi(n - 1, via, dst, src, moves)
    return moves


m = hanoi(4, "A", "C", "B", [])
print(len(m), m[:7])


def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)


print(gcd(1071, 462), gcd(2**100, 6**50), gcd(17, 5))


def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)


print("depth", depth(400))


def binsearch(lst, x, lo, hi):
    if lo >= hi:
        return -1
    mid = (lo + hi) // 2
    if lst[mid] == x:
        return mid
    if lst[mid] < x:
        return binsearch(lst, x, mid + 1, hi)
    return binsearch(lst, x, lo, mid)


data = list(range(0, 100, 3))
for x in [0, 3, 33, 99, 100, 50]:
    print("search", x, binsearch(data, x, 0, len(data)))
