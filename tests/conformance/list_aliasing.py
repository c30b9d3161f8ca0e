"""Lists are mutable and shared by reference: aliasing through names, args, containers."""

a = [1, 2, 3]
b = a
b.append(4)
print(a, b, a is b)
c = a[:]
c.append(5)
print(a, c, a is c, a == c[:4])


def mutate(lst):
    lst.append("added")
    lst[0] = "changed"


def rebind(lst):
    lst = ["new"]
    return lst


mutate(a)
print(a, b)
print(rebind(a), a)

grid = [[0] * 3] * 3
grid[0][0] = 1
print("aliased rows", grid)
grid = [[0] * 3, [0] * 3, [0] * 3]
grid[0][0] = 1
print("separate rows", grid)

row = [0, 0]
table = [row, row, list(row)]
row[1] = 7
print(table)

holder = [a, a]
holder[0].pop()
print(holder, len(holder[1]))

t = ([1], [2])
t[0].append(10)
print(t)

x = [1]
y = [x, x]
x += [2]
print(y)
x = x + [3]
print(y, x)


def default_shared(v, acc=[]):
    acc.append(v)
    return acc


r1 = default_shared(1)
r2 = default_shared(2)
print(r1, r2, r1 is r2)

s = [1, 2, 3]
alias = s
s = s[::-1]
print(alias, s)
nested = [[1, 2], [3, 4]]
copy = list(nested)
copy[0].append(99)
copy[1] = "replaced"
print(nested, copy)
loop = [[]] * 3
for inner in loop:
    inner.append(len(inner))
print(loop)
