# Indexing and len on long strings whose characters have 1, 2, 3 and 4 UTF-8 bytes,
# at positions on both sides of every internal stride boundary.
def build(unit, n):
    s = ""
    i = 0
    while i < n:
        s += unit[i % len(unit)]
        i += 1
    return s

texts = [
    build("abc", 100),
    build("aé", 101),
    build("é€", 130),
    build("x😀yé", 257),
    "a" * 70 + "€" + "b" * 70,
    "€" + "a" * 200,
    "a" * 200 + "😀",
]
for t in texts:
    n = len(t)
    print(n, t[0], t[-1], t[n // 2], t[-n // 3])
    picked = ""
    for i in [0, 1, 30, 31, 32, 33, 63, 64, 65, 95, 96, 97, 127, 128, 129, n - 1]:
        if i < n:
            picked += t[i]
            picked += t[-1 - i]
    print(picked)
    total = 0
    for i in range(n):
        total += ord(t[i]) * (i % 7 + 1)
    print(total)
    j = -n
    back = ""
    while j < 0:
        back += t[j]
        j += 17
    print(back)

print("😀é"[1], "😀é"[-2], len("😀é€a"))
