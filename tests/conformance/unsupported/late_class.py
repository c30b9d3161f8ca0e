"""The first unsupported construct is reported even when it comes late in the file."""
total = 0
for i in range(10):
    total += i
print(total)
class Late:
    pass
