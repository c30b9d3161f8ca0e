# A float local compared with int constants: with 50, which a double holds
# exactly, the recorder compares floats (`const_float 50.0`, `float_cmp`); with
# 2**53 + 1, which it does not, the comparison stays generic.
def run(n):
    x = 0.0
    hits = 0
    for i in range(n):
        x = x + 7.5
        if x > 50:
            x = x - 60.0
            hits += 1
        if x < 9007199254740993:
            hits += 2
    return hits


print(run(8))
