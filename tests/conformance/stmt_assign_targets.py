"""Assignment to names, subscripts and tuple targets; evaluation order."""

x = 1
print(x)
x = "now a string"
print(x)

a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
a, b = b, a + b
print(a, b)

p, q = "hi"
print(p, q)
p, q, r = [1, [2], (3,)]
print(p, q, r)
(m, n) = (5, 6)
print(m, n)
t = 7, 8
u, v = t
print(t, u, v)
one, = [99]
print(one)
x, y, z = range(3)
print(x, y, z)

lst = [0, 0, 0, 0]
lst[0] = "first"
lst[-1] = "last"
lst[1 + 1] = 2.5
print(lst)
lst[0], lst[1] = lst[1], lst[0]
print(lst)

grid = [[0, 0], [0, 0]]
grid[1][0] = 5
grid[0][1] = grid[1][0] * 2
print(grid)

i = 0
lst = [10, 20, 30]
i, lst[i] = 1, 99
print(i, lst)


def trace(label, value):
    print("eval", label)
    return value


target = [0, 0, 0]
trace("container", target)[trace("index", 1)] = trace("value", 42)
print(target)

a = [1, 2]
b = a
b[0] = "shared"
print(a, b)

a, b = trace("left", 1), trace("right", 2)
print(a, b)

k = 5
k = k + 1
print(k)

s = "abc"
c1, c2, c3 = s
print(c3 + c2 + c1)

big, small = 2**70, -3
small, big = big, small
print(big, small)

n = 0
lst = [1, 2, 3]
lst[n], n = 100, 2
print(lst, n)
