"""Float accumulation in hot loops: rounding must match IEEE step by step."""

s = 0.0
for i in range(100000):
    s += 0.1
print(s)
h = 0.0
for i in range(1, 20001):
    h += 1.0 / i
print(h)
pi = 0.0
sign = 1.0
for k in range(50000):
    pi += sign * 4.0 / (2 * k + 1)
    sign = -sign
print(pi)
x = 0.5
for i in range(1000):
    x = 3.9 * x * (1.0 - x)
print(x)
m = 1.0
for i in range(2000):
    m = m * 1.5
    if m > 1e300:
        print("overflow soon at", i, m)
        m = m / 1e300
print(m)
