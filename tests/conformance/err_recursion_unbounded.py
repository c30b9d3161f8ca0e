"""Unbounded recursion: RecursionError: maximum recursion depth exceeded.

Nothing printed depends on the recursion limit.
"""


def forever(n):
    return forever(n + 1)


print("starting")
forever(0)
print("never printed")
