"""Branches whose direction flips after many iterations."""


def flip(n, at):
    a = 0
    b = 0
    for i in range(n):
        if i < at:
            a += 1
        else:
            b += 2
    return a, b


for at in [0, 1, 500, 999, 1000, 5000]:
    print(at, flip(1000, at))

state = 0
out = []
for i in range(3000):
    if state == 0:
        if i > 1000:
            state = 1
            out.append(("to 1", i))
    elif state == 1:
        if i % 700 == 0:
            state = 2
            out.append(("to 2", i))
    else:
        if i % 2 == 0:
            state = 0
            out.append(("back to 0", i))
print(out)

x = 0
for i in range(4000):
    if (i // 1000) % 2 == 0:
        x += i
    else:
        x -= i
print(x)

flag = True
flips = 0
for i in range(5000):
    if flag:
        flips += 1
    if i % 1111 == 0:
        flag = not flag
print("flips", flips, flag)

guard = [1] * 10
cnt = 0
for i in range(2000):
    if i == 1500:
        guard = []
    if guard:
        cnt += 1
    else:
        cnt -= 1
print(cnt)
