"""Slicing strings and tuples with steps and negative bounds."""

s = "hello, world"
print([s[:5]], [s[7:]], [s[-5:]], [s[::-1]], [s[::2]], [s[1::3]], [s[-1:-6:-1]])
print([s[100:]], [s[-100:3]], [s[5:5]], [s[8:2]], [s[8:2:-1]], [s[::-4]])
print([s[None:2]], [s[:2**70]], [s[-2**70:]])
u = "日本語テキスト😀"
print(u[:3], u[3:], u[::-1], u[::2], u[-1], u[-2:])
t = (0, 1, 2, 3, 4, 5, 6)
print(t[1:4], t[:2], t[5:], t[::-1], t[::3], t[-3:-1], t[4:1:-1], t[10:], t[:0])
print(t[:1], t[-1:], t[3:4], (1,)[:], ()[:], ()[::-1])
print(t[1:3] + t[5:], t[::2] * 2)
word = "racecar"
print(word == word[::-1], "python"[::-1], "abcdef"[1:-1])
for i in range(len(s) + 1):
    print(i, [s[:i]], [s[i:]])
pal = "A man a plan a canal Panama".replace(" ", "").lower()
print(pal, pal == pal[::-1])
