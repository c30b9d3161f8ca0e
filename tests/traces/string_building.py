# `s += t` on a local string records `str_append`, which compiled code runs in place.
# Where another name could see the string grow (`last = out`), where the string is
# used for anything else (`len(out)`), and on a global, the recording aborts as
# `string_building` and the interpreter, which also appends in place, runs the loop.
def build(n):
    out = ""
    for i in range(n):
        out += "ab"
        out = out + str(i)
    return out


def aliased(n):
    out = "-"
    last = ""
    for i in range(n):
        out += "x"
        last = out
    return last + out


def measured(n):
    out = ""
    for i in range(n):
        out += "y"
        if len(out) > 100:
            out = ""
    return out


g = ""
for i in range(5):
    g += "z"

print(len(build(6)), build(4))
print(aliased(5))
print(measured(5))
print(g)
