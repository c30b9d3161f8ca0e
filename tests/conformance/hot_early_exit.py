"""Early exits from hot loops: break and return from inside nested loops."""


def find_pair(target, n):
    for i in range(n):
        for j in range(n):
            if i * j == target:
                return i, j
    return None


print(find_pair(3000, 100))
print(find_pair(7919, 100))
print(find_pair(0, 10))


def first_over(limit):
    total = 0
    i = 0
    while True:
        total += i
        if total > limit:
            return i
        i += 1


print(first_over(10**6), first_over(10**8))

found = []
for i in range(2, 3000):
    for j in range(2, i):
        if j * j > i:
            found.append(i)
            break
        if i % j == 0:
            break
    if len(found) >= 300:
        break
print(len(found), found[-5:])

count = 0
for a in range(100):
    for b in range(100):
        if b > a:
            break
        count += 1
    else:
        print("never: inner loop always breaks")
print(count)


def search(grid, value):
    r = 0
    for row in grid:
        c = 0
        for v in row:
            if v == value:
                return r, c
            c += 1
        r += 1
    return -1, -1


grid = []
for r in range(60):
    row = []
    for c in range(60):
        row.append(r * 60 + c)
    grid.append(row)
print(search(grid, 2000), search(grid, 3599), search(grid, -5))

i = 0
while i < 100000:
    i += 7
    if i % 1001 == 0:
        break
print("stopped at", i)
