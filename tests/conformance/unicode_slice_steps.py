# Slices of non-ASCII strings: default and negative bounds, bounds past either end,
# every small step in both directions and steps larger than the internal stride.
s = ""
for i in range(150):
    s += "aé€😀bc"[i % 6]
print(len(s))
print(s[10:20])
print(s[-20:-10])
print(s[:5] + "|" + s[-5:])
print(s[140:1000])
print(s[-1000:3])
print(s[50:40])
print(len(s[:]), s[:] == s)
for step in [1, 2, 3, 5, 31, 32, 33, 40, 64, 149, 150, 1000]:
    print(step, s[::step])
    print(-step, s[::-step])
    print(step, s[7:140:step], s[140:7:-step])
print(s[::-1][:12])
print(s[-3::-2][:10])
print("é"[0:1], "é"[1:], "€😀"[::-1])
t = ("a", "é", "€", "😀", "b")
print(t[1:4], t[::-2], t[:])
lst = list(range(100))
print(lst[10:20], lst[-5:], lst[::25], lst[90:10:-20], lst[50:50])
