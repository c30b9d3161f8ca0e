# Splitting a line of words on a single space, over and over.
words = []
for i in range(1000):
    words.append("w" + str(i * 7 % 1000))
text = " ".join(words)
count = 0
longest = 0
for rep in range(2000):
    pieces = text.split(" ")
    count += len(pieces)
    if len(pieces[rep % 1000]) > longest:
        longest = len(pieces[rep % 1000])
print(count, longest)
