# list.pop and list.insert convert the index to a C ssize_t first: an index outside
# that range is an OverflowError even where any index would be out of range.
a = [1, 2, 3]
a.insert(-2**63, 0)
a.insert(2**63 - 1, 4)
print(a)
print(a.pop(-2**63 + 1 + 2**63 - 1))
print(a)
a.insert(2**63, 9)
