# A function without a loop, hot and recursing from its own trace (a direct call
# per level with functions traced), goes to just below the recursion limit many
# times, then one call goes past it: RecursionError at CPython's depth.


def down(n):
    if n == 0:
        return 0
    return down(n - 1) + 1


total = 0
for rep in range(40):
    total += down(990 - rep % 3)
print(total)
print(down(996))
print("past the limit next")
print(down(1000))
print("never printed")
