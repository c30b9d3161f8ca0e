# Walking an ASCII string by index, comparing each character with its mirror.
def mirrored(s):
    n = len(s)
    same = 0
    for i in range(n):
        if s[i] == s[n - 1 - i]:
            same += 1
    return same


text = "abcdefghij" * 50000
print(mirrored(text), mirrored(text[3:]))
