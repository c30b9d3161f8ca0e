# Swapping and rotating variables with tuple assignment.
a = 1
b = 2
c = 3
for i in range(1000000):
    a, b = b, a
    a, b, c = b, c, a
print(a, b, c)
