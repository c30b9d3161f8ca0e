# A while loop over ints: loop-carried locals, a fused compare-and-branch, overflow
# checks on every addition.
def total(n):
    i = 0
    s = 0
    while i < n:
        s += i
        i += 1
    return s


print(total(100))
