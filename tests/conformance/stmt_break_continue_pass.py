"""break, continue and pass in for and while loops, including nested loops."""

for i in range(10):
    if i == 2:
        continue
    if i == 6:
        break
    print("for", i)

i = 0
while i < 10:
    i += 1
    if i % 3 == 0:
        continue
    if i > 8:
        break
    print("while", i)

for i in range(3):
    for j in range(3):
        if j == i:
            break
        print("inner", i, j)
    else:
        print("inner else", i)

for i in range(4):
    for j in range(4):
        if (i + j) % 2 == 0:
            continue
        print("odd sum", i, j)

found = None
for i in range(2, 50):
    for j in range(2, i):
        if i % j == 0:
            break
    else:
        if i > 40:
            found = i
            break
print("first prime > 40:", found)

for i in range(3):
    pass
print("pass loop done", i)


def nothing():
    pass


print(nothing())

if True:
    pass
else:
    pass

while False:
    pass

primes = []
n = 2
while len(primes) < 15:
    is_prime = True
    for p in primes:
        if p * p > n:
            break
        if n % p == 0:
            is_prime = False
            break
    if is_prime:
        primes.append(n)
    n += 1
print(primes)

s = ""
for ch in "a-b-c-d":
    if ch == "-":
        continue
    s += ch
print(s)
