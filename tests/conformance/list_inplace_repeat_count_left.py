# `n *= xs` makes a new list: only `xs *= n` repeats a list in place.
xs = [1, 2]
n = 2
n *= xs
print(n, xs, n is xs)
m = 0
m *= xs
print(m, xs)
t = 3
t *= (7,)
print(t)
ys = [5]
alias = ys
ys *= 3
print(ys, alias, ys is alias)
total = 0
for i in range(100):
    k = i % 3
    k *= xs
    total += len(k)
print(total, xs)
