# A peeled loop whose steady-state body exits: every third iteration takes the other
# branch, so the exit of the body's copy of the branch guard gets hot and a side
# trace starts from that body snapshot and closes into the loop (whose first
# iteration re-reads the hoisted list item and global). Python prints the same.
K = 2


def run(xs, n):
    t = 0
    for i in range(n):
        if i % 3 != 0:
            t += xs[0] * K
        else:
            t -= 1
    return t


print(run([5], 3000))
