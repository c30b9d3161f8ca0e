# Walking a 1,000,000-character string holding one non-ASCII character by index.
def count_at(s, wanted):
    hits = 0
    for i in range(len(s)):
        if s[i] == wanted:
            hits += 1
    return hits


text = "a" * 500000 + "é" + "b" * 499999
print(len(text), count_at(text, "b"), count_at(text, "é"))
