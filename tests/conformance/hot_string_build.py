"""Building strings in hot loops: concatenation, indexing, and methods."""

s = ""
for i in range(3000):
    s += str(i % 10)
print(len(s), s[:20], s[-20:])
words = []
for i in range(500):
    words.append("w" + str(i))
joined = ",".join(words)
print(len(joined), joined[:30])
parts = joined.split(",")
print(len(parts), parts[-1])
count = 0
for ch in joined:
    if ch == "9":
        count += 1
print("nines", count)
up = ""
for i in range(1000):
    up = "ab"[i % 2] + up[:10]
print(up, up.upper())
found = 0
for i in range(2000):
    if joined.find("w" + str(i)) >= 0:
        found += 1
print("found", found)
