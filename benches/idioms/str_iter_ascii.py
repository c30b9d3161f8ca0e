# Counting characters of an ASCII text with a for loop over the string.
text = "the quick brown fox jumps over the lazy dog. " * 35000
vowels = 0
spaces = 0
for c in text:
    if c == " ":
        spaces += 1
    elif c in "aeiou":
        vowels += 1
print(len(text), vowels, spaces)
