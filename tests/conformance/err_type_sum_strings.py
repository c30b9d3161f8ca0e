"""sum() refuses strings: sum() can't sum strings [use ''.join(seq) instead]."""

print(sum([1, 2, 3]))
print(sum(["a", "b"], ""))
