"""for over range, list, tuple and str, with else clauses."""

for i in range(5):
    print("range", i)
for i in range(2, 6):
    print("range2", i)
for i in range(10, 0, -3):
    print("range3", i)
for i in range(0):
    print("never")
for i in range(-5, -10, -2):
    print("neg", i)

for x in [1, "two", 3.0, None, [4], (5,)]:
    print("list", x)

for x in (10, 20, 30):
    print("tuple", x)

for ch in "héllo":
    print("char", ch)

for ch in "":
    print("never")

for i in range(3):
    print("loop var", i)
print("after loop i =", i)

for x in [1, 2, 3]:
    if x == 10:
        break
else:
    print("for-else ran")

for x in [1, 2, 3]:
    if x == 2:
        print("break at 2")
        break
else:
    print("not printed")

for x in []:
    pass
else:
    print("for-else on empty list")

total = 0
for i in range(1, 101):
    total += i
print("sum 1..100", total)

words = ["alpha", "beta", "gamma"]
for w in words:
    for c in w:
        if c == "a":
            continue
        print(w, c)

nested = [[1, 2], [3], [], [4, 5, 6]]
for inner in nested:
    for v in inner:
        print("nested", v, end=" ")
    print()

big = 2**64
for i in range(big, big + 3):
    print("big range", i)

for i in range(3):
    i = i * 10
    print("rebinding loop var", i)
