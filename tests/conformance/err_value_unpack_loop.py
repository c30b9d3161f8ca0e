"""Unpacking in a for loop: not enough values to unpack (expected 2, got 1)."""

for a, b in ["ab", "cd", "e"]:
    print(a, b)
