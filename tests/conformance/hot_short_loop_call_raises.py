# A function with a short loop, called from a hot loop, raises mid-loop on a late
# call: the error comes from the callee's loop with the caller's line in the
# traceback.


def ratio_sum(n, d):
    total = 0
    for i in range(n):
        total += (i * 7) // (d - i)
    return total


acc = 0
for rep in range(4000):
    acc += ratio_sum(rep % 30, 40 + rep % 50 - (rep // 3990) * (35 + rep % 50))
    if rep % 1000 == 0:
        print(rep, acc)
print(acc)
