# Ackermann's function: a recursive call whose argument is another recursive call,
# nesting compiled calls inside the arguments of compiled calls.


def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))


print(ack(2, 300), ack(3, 5))
total = 0
for i in range(30):
    total += ack(2, i)
print(total)
