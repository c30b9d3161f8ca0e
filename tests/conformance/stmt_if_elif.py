"""if / elif / else chains, nested conditions, truthiness of every type."""


def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < 100:
        return "medium"
    else:
        return "large"


for n in [-5, 0, 3, 9, 10, 99, 100, 10**20, -(10**20), 0.5, -0.0]:
    print(n, classify(n))

values = [0, 1, -1, 0.0, -0.0, 0.1, "", "0", " ", [], [0], (), (0,), None, True, False,
          range(0), range(1), 2**100, float("nan")]
for v in values:
    if v:
        print("truthy", [v])
    else:
        print("falsy", [v])

x = 7
if x > 5:
    if x > 6:
        print("x > 6")
    else:
        print("5 < x <= 6")
else:
    print("x <= 5")

if x == 7: print("one-line if")

if not x:
    print("unreachable")
elif x % 2:
    print("odd")

if x:
    pass
print("after pass")

count = 0
for i in range(30):
    if i % 15 == 0:
        count += 100
    elif i % 5 == 0:
        count += 10
    elif i % 3 == 0:
        count += 1
print("count", count)

for a in [True, False]:
    for b in [True, False]:
        if a and b:
            r = "both"
        elif a or b:
            r = "one"
        else:
            r = "none"
        print(a, b, r)
