"""Big-int hot loops: factorials, Fibonacci and powers that stay huge."""

f = 1
for i in range(1, 301):
    f *= i
print(len(str(f)), f % 1000000007, str(f)[:30])
a, b = 0, 1
for i in range(2000):
    a, b = b, a + b
print(len(str(a)), a % 10**20)
p = 1
for i in range(500):
    p = p * 7 % (10**40 + 121)
print(p)
s = 0
for i in range(1000):
    s += 3**i
print(s % 999999937, len(str(s)))
