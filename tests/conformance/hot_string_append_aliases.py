"""Growing a string with += in hot loops while other names, lists, calls and
expressions may still see it: every alias keeps the text it had."""


def keep(s):
    return s


def before_append(n):
    out = ""
    seen = []
    for i in range(n):
        t = out
        out += "x"
        seen.append(len(t))
    return out, seen[-3:]


def after_append(n):
    i = 0
    out = "-"
    while i < n:
        out += "y"
        last = out
        out += str(i % 3)
        i += 1
    return last + "|" + out


def in_list(n):
    out = ""
    items = []
    for i in range(n):
        out += str(i % 10)
        items.append(out)
        out += "."
    return items[:3], items[-1], out[-6:]


def through_calls(n):
    out = "a"
    copies = []
    for i in range(n):
        c = keep(out)
        out += "b"
        d = out + ""
        out += "c"
        copies.append(c)
        copies.append(d)
    return copies[:4], len(out)


def from_slices(n):
    out = "s"
    first = ""
    for i in range(n):
        whole = out[:]
        out += "t"
        if i == 3:
            first = whole
    return first, len(out), out[-3:]


def maxed(n):
    out = ""
    best = ""
    for i in range(n):
        out += "z"
        best = max(best, out)
        out += "!"
    return best[-4:], out[-4:]


def two_strings(n):
    a = ""
    b = ""
    for i in range(n):
        a += "p"
        b += a[-1:]
        a += b[-1:]
    return len(a), len(b), a[:6], b[:6]


def starts_shared(n):
    out = "shared"
    alias = out
    for i in range(n):
        out += "!"
    return alias, len(out)


def from_empty(n):
    out = ""
    piece = ""
    for i in range(n):
        piece = str(i)
        out += piece
        out += "-"
    return piece, out[-8:]


def empty_start(n):
    # The string stays empty for four iterations, then the first append returns the
    # right operand itself, and the second must not grow it under `piece`.
    out = ""
    total = 0
    for i in range(n):
        piece = ("ab" * i)[6:]
        out += piece
        out += ("cd" * i)[6:]
        total += len(piece)
    return total, out


print(before_append(40))
print(after_append(30))
print(in_list(25))
print(through_calls(20))
print(from_slices(20))
print(maxed(20))
print(two_strings(30))
print(starts_shared(50))
print(from_empty(30))
print(empty_start(8))
g = ""
h = []
for i in range(40):
    g += "q"
    h.append(g)
print(h[0], h[5], len(g))
