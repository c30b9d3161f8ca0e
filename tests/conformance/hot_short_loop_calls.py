# A function with a short loop called from a hot loop: the call from the caller's
# trace runs the callee's prologue and its loop's trace without an interpreter.
# Early returns from inside the loop, `break`, trip counts from 0 to 100, and
# callees that rebind a global or mutate a list the caller holds.


def fib_small(n):
    a = 0
    b = 1
    for i in range(n):
        a, b = b, a + b
    return a


def find_first(items, wanted):
    for i in range(len(items)):
        if items[i] == wanted:
            return i
    return -1


def sum_until(n, stop):
    total = 0
    for i in range(n):
        if i == stop:
            break
        total += i
    return total * 2 + 1


def digits(n):
    total = 0
    while n > 0:
        total += n % 10
        n //= 10
    return total


def bump_scale(count):
    global scale
    for i in range(count):
        scale = scale + 1
    return scale


def grow(items, count):
    for i in range(count):
        items.append(i)
    items[0] = "x" * 30
    return len(items)


checksum = 0
for rep in range(3000):
    checksum = (checksum + fib_small(rep % 101)) % 1000000007
print(checksum)

items = list(range(50))
found = 0
for rep in range(2000):
    found += find_first(items, rep % 60)
print(found)

acc = 0
for rep in range(2000):
    acc += sum_until(rep % 40, rep % 23)
print(acc)

acc = 0
for rep in range(3000):
    acc += digits(rep * 7919)
print(acc)

scale = 1
acc = 0
for rep in range(1500):
    before = scale
    acc += bump_scale(rep % 5) - before + scale
print(acc, scale)

held = ["a" * 30]
lengths = 0
for rep in range(300):
    first = held[0]
    lengths += grow(held, rep % 4) + len(first)
print(lengths, len(held), held[0][:5])
