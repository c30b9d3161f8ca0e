# Floats compared with int constants in hot loops, both ways round and with every
# operator: ordinary values, -0.0, infinities and NaN (every comparison false but
# !=), and constants at and past 2**53, where a double no longer holds every int.
def count(values):
    counts = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    for rep in range(300):
        for v in values:
            x = v * 1.0
            if x > 50:
                counts[0] += 1
            if x < -50:
                counts[1] += 1
            if x >= 0:
                counts[2] += 1
            if x <= 0:
                counts[3] += 1
            if x == 50:
                counts[4] += 1
            if x != 0:
                counts[5] += 1
            if 0 < x:
                counts[6] += 1
            if -50 >= x:
                counts[7] += 1
            if x == 9007199254740992:
                counts[8] += 1
            if x < 9007199254740993:
                counts[9] += 1
            if x > -9007199254740993:
                counts[10] += 1
            b = x > 1
            c = 1 <= x
            if b and c:
                counts[11] += 1
    return counts


# Items read from a list compared as they are: floats, then an int among them, and
# NaN.
def signs(values):
    pos = 0
    neg = 0
    for rep in range(200):
        for v in values:
            if v > 0:
                pos += 1
            elif v <= -1:
                neg += 1
    return pos, neg


# A float that drifts across an int bound.
def drift(steps):
    pos = 0.0
    flips = 0
    for i in range(steps):
        if i % 3:
            pos += 0.37
        else:
            pos -= 0.5
        if pos > 20:
            pos = pos - 40
            flips += 1
        elif pos < -20:
            pos = pos + 40
            flips -= 1
    return round(pos, 6), flips


# A float that becomes an int mid-loop, and a comparison of module globals.
def change(steps):
    y = 0.0
    seen = 0
    for i in range(steps):
        if i < steps // 2:
            y = y + 1.0
        else:
            y = i
        if y > 1000:
            seen += 1
    return y, seen


print(count([0.0, -0.0, 0.5, -0.5, 49.99, 50.0, 50.000001, -50.0, 1e300, -1e300,
             float("inf"), float("-inf"), float("nan"), 9007199254740992.0,
             9007199254740994.0, -9007199254740992.0]))
print(signs([0.5, -0.5, -1.0, 2.25, -0.0, 0.0, -3.5]))
print(signs([0.5, -2.5, 3, -4, float("nan"), 1e-300, -1e300]))
print(drift(20000))
print(change(3000))
g = 0.0
above = 0
for i in range(2000):
    g += 0.25
    if g > 100:
        above += 1
print(g, above)
