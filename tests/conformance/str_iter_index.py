"""Iterating strings, indexing with positive and negative indexes, immutability."""

s = "abcdef"
for ch in s:
    print(ch, ord(ch), end=" ")
print()
print(s[0], s[1], s[5], s[-1], s[-2], s[-6], s[len(s) - 1])
for i in range(len(s)):
    print(i, s[i], s[-i - 1])
count = 0
for ch in "mississippi":
    if ch == "s":
        count += 1
print("s count", count)
rev = ""
for ch in "stressed":
    rev = ch + rev
print(rev)
print(s[True], s[False], "x"[0], "x"[-1])
u = "naïve café 😀"
for i in range(len(u)):
    print(i, [u[i]])
print(u[-1], u[-2], u[3], len(u))
t = s
s = s + "g"
print(t, s)
pairs = []
for i in range(len(s) - 1):
    pairs.append(s[i] + s[i + 1])
print(pairs)
vowels = 0
for ch in "The Quick Brown Fox Jumps":
    if ch in "aeiouAEIOU":
        vowels += 1
print("vowels", vowels)
digits = "9081726354"
best = digits[0]
for d in digits:
    if d > best:
        best = d
print("max digit", best, max(digits), min(digits))
