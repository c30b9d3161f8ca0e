# Iterating over and building non-ASCII strings, including += on aliased strings
# (the alias must keep its old value) and on globals.
def count_kinds(text):
    ascii = 0
    other = 0
    for c in text:
        if ord(c) < 128:
            ascii += 1
        else:
            other += 1
    return ascii, other

def build(n):
    s = ""
    keep = []
    for i in range(n):
        s += "é" if i % 3 == 0 else "x"
        if i % 40 == 0:
            keep.append(s)
    alias = s
    s += "€€"
    return s, alias, keep

s, alias, keep = build(200)
print(len(s), len(alias), s[-3:], alias[-3:])
lengths = []
for k in keep:
    lengths.append(len(k))
print(lengths)
print(keep[1][-5:], count_kinds(s))

g = "start:"
for i in range(50):
    g += str(i) + "ü"
print(len(g), g[:20], g[-10:])
h = g
g += "end"
print(h[-3:], g[-3:])

def double(n):
    s = "ab"
    for i in range(n):
        s += s
    return s

print(len(double(10)), double(3))

chars = []
for c in "naïve café 😀!":
    chars.append(c)
print(chars)
print("".join(chars) == "naïve café 😀!")
a, b, c = "é€😀"
print(c, b, a)
for x, y in ["é€", "ab"]:
    print(y + x)

lst = [1, 2]
alias_list = lst
for i in range(5):
    lst += [i, "é"]
print(lst, alias_list is lst)
t = (1,)
t2 = t
t += (2, 3)
print(t, t2)

def plus(n):
    s = "é"
    parts = []
    for i in range(n):
        s = s + "x€"[i % 2]
        t = s + "!"
        parts.append(t[-2:])
    return s, parts[:4], parts[-1]

print(plus(9))
u = "g"
v = u
u = u + "h"
print(u, v, (u + "i") + "j", u)
