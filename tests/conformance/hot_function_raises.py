# A hot recursive function whose innermost call raises after many calls that
# returned: the error goes up through every level of direct calls with the
# callers' lines in the traceback, and nothing after it runs.


def scaled(n, d):
    if n == 0:
        return 100 // d
    return scaled(n - 1, d) + n


acc = 0
for rep in range(300):
    acc += scaled(rep % 25, 1 + rep % 7)
print(acc)
print(scaled(20, 0))
print("never printed")
