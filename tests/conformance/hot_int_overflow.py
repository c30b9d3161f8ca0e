"""Int arithmetic in hot loops crossing into big ints and back down."""


def grow_and_shrink(n):
    x = 1
    history = []
    for i in range(n):
        if i < n // 2:
            x = x * 3 + 1
        else:
            x = x // 3
        if i % 20 == 0:
            history.append(len(str(x)))
    return x, history


x, h = grow_and_shrink(200)
print(x)
print(h)

total = 9223372036854775000
for i in range(2000):
    total += 1
print(total, total - 9223372036854775807)
for i in range(2000):
    total -= 1
print(total)

m = -9223372036854775000
for i in range(1000):
    m -= 1
print(m)

p = 1
powers = []
for i in range(130):
    p = p << 1
    if i in (61, 62, 63, 64, 65, 128):
        powers.append(p)
print(powers)
for i in range(128):
    p >>= 1
print(p)

s = 0
for i in range(3000):
    s += i ** 5
print(s)

acc = 0
for i in range(1, 100):
    acc = acc * 1000003 + i
    if acc > 2**80:
        acc = acc % (2**61 - 1)
print(acc)

neg = -1
for i in range(70):
    neg *= 2
print(neg, neg // -1, -neg)
mix = 2**62
for i in range(10):
    mix = mix + mix - mix // 2
    print(i, mix, mix > 2**63)
