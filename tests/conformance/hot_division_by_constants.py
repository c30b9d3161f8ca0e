# Floored division and modulo by constants in hot loops, over negative and positive
# ints, values near the 64-bit edges, and past them (big ints).
total = 0
checks = []
for i in range(-3000, 3000):
    x = i * 7919 - 13
    total += x // 2 + x % 2 + x // 8 - x % 8 + x // 1024 + x % 1024 + x // 1 + x % 1
    if i % 997 == 0:
        checks.append((x, x // 4, x % 4, -x // 16, -x % 16))
print(total)
print(checks)

edges = [-(2**63), -(2**63) + 1, -5, -1, 0, 1, 5, 2**63 - 1, 2**63, -(2**63) - 1, 2**70 + 3]
out = []
for rep in range(200):
    for x in edges:
        out.append(x // 2 + x % 2 + x // (2**62) + x % (2**62) + x // 4096 - x % 4096)
print(out[:11])
print(sum(out))

# Other positive constant divisors: a truncated division with the sign fixed.
acc = 0
for i in range(-2000, 2000):
    acc += i // 6 + i % 6 + i // 3 - i % 3 + (i * 1000003) % 1000000007
print(acc)
out = []
for rep in range(100):
    for x in edges:
        out.append(x // 7 + x % 7 + x // 1000000007 - x % 1000000007 + x // (2**62 + 1))
print(out[:11])
print(sum(out))

# Negative constant divisors take the general path.
acc = 0
for i in range(-2000, 2000):
    acc += i // -2 + i % -2 + i // -8 + i % -8 + i // -7 - i % -7
print(acc)
