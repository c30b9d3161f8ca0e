# Cleaning and classifying words with str methods, the way a log or CSV line is tidied.
words = []
for i in range(2000):
    words.append("  Item" + str(i) + "-x  ")
upper = 0
starts = 0
found = 0
for rep in range(50):
    for w in words:
        clean = w.strip()
        if clean.startswith("Item1"):
            starts += 1
        if clean.upper().endswith("-X"):
            upper += 1
        found += clean.find("9")
print(upper, starts, found)
