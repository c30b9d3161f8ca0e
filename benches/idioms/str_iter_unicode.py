# Counting characters of a non-ASCII text (accents, a euro sign) with a for loop.
text = "déjà vu, naïve café – 5 € the piñata. " * 40000
accented = 0
spaces = 0
for c in text:
    if c == " ":
        spaces += 1
    elif ord(c) > 127:
        accented += 1
print(len(text), accented, spaces)
