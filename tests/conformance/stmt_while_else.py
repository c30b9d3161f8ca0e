"""while loops: counting, else clause, break skipping else, nested whiles."""

i = 0
while i < 5:
    print("i", i)
    i += 1
else:
    print("while else ran, i =", i)

n = 27
steps = 0
while n != 1:
    if n % 2 == 0:
        n = n // 2
    else:
        n = 3 * n + 1
    steps += 1
print("collatz steps", steps)

i = 0
while i < 10:
    if i == 3:
        print("breaking at", i)
        break
    i += 1
else:
    print("not printed")

i = 0
while i < 0:
    print("never")
else:
    print("else of a loop that never ran")

total = 0
i = 0
while i < 10:
    i += 1
    if i % 2 == 0:
        continue
    total += i
print("odd total", total)

row = 0
while row < 4:
    col = 0
    line = ""
    while col <= row:
        line += str(col)
        col += 1
    print(line)
    row += 1

lst = [5, 4, 3]
while lst:
    print("pop", lst.pop())
print(lst)

x = 1.0
k = 0
while x != x + 1:
    x *= 2
    k += 1
print("float precision lost at 2 **", k, x)

a, b = 0, 1
while b < 1000:
    a, b = b, a + b
print("fib over 1000:", b)

while True:
    k -= 1
    if k < 50:
        break
print("k", k)
