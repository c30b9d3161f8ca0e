# Building a long string piece by piece with +=, the way a report or a CSV line is built.
def build(rows):
    out = ""
    for i in range(rows):
        out += "row "
        out += str(i)
        out += ": ==========\n"
    return out


total = 0
for rep in range(5):
    text = build(100000)
    total += len(text)
print(total, text[-20:-1])
