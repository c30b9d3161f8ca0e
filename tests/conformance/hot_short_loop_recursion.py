# Recursion into a function with a loop: each level's loop calls the function
# again, from compiled code; deep enough recursion raises RecursionError at
# CPython's depth.


def tree(depth, width):
    total = 1
    for i in range(width):
        if depth > 0:
            total += tree(depth - 1, width)
    return total


def chain(n):
    total = 0
    i = 0
    while i < 2:
        total += i
        if i == 1 and n > 0:
            total += chain(n - 1)
        i += 1
    return total


acc = 0
for rep in range(200):
    acc += tree(rep % 4, 3)
print(acc)

acc = 0
for rep in range(50):
    acc += chain(rep * 3)
print(acc)
print(chain(5000))
