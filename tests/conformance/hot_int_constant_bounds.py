"""Hot loops adding and subtracting int constants right at the 64-bit bounds: a
constant on either side of `+`, negative constants, and zero, each crossing into big
ints and back."""

MAX = 9223372036854775807
MIN = -9223372036854775808


def walk(start, steps, delta):
    x = start
    seen = []
    for i in range(steps):
        x = x + delta
        if i % 250 == 0 or x > MAX or x < MIN:
            seen.append(x)
    return x, seen[:4], len(seen)


print(walk(MAX - 1200, 2000, 1))
print(walk(MAX - 3000, 2000, 2))
print(walk(MIN + 1200, 2000, -1))
print(walk(MIN + 3000, 2000, -2))
print(walk(MAX - 5, 2000, 0))

up = MAX - 900
for i in range(1500):
    up = 7 + up
print(up, up - MAX)

down = MIN + 900
for i in range(1500):
    down = down - 3
print(down, MIN - down)

back = MIN + 900
for i in range(1500):
    back = back - -5
print(back)

wide = 0
for i in range(1500):
    wide = wide - (-MAX)
print(wide, wide > MAX)

floor = MIN + 2000
for i in range(1500):
    floor = floor + -MAX
    floor = floor + MAX
    floor = floor - 1
print(floor, floor - MIN)

flip = MIN + 1000
for i in range(1500):
    flip = 5 - flip
print(flip)
