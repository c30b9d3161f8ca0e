"""Every list method: append pop pop(i) extend insert reverse index."""

lst = []
lst.append(1)
lst.append("two")
lst.append([3])
lst.append(lst[0])
print(lst, len(lst))
print(lst.append(5), lst)
print(lst.pop(), lst)
print(lst.pop(0), lst)
print(lst.pop(-1), lst)
print(lst.pop(1), lst)
lst = [0, 1, 2, 3, 4, 5]
print(lst.pop(-2), lst.pop(2), lst)
lst.extend([10, 11])
lst.extend((12,))
lst.extend("ab")
lst.extend(range(3))
lst.extend([])
print(lst)
lst.extend(lst)
print(len(lst), lst[:5])
x = [1, 2, 3]
x.insert(0, "head")
x.insert(2, "mid")
x.insert(len(x), "tail")
x.insert(100, "far")
x.insert(-1, "before last")
x.insert(-100, "very first")
print(x)
x.reverse()
print(x, x.reverse(), x)
e = []
e.reverse()
print(e)
y = ["a", "b", "c", "b", 1, 1.0, True]
print(y.index("a"), y.index("b"), y.index("c"), y.index(1), y.index(True), y.index(1.0))
print(y.index("b", 2), y.index("b", 1), y.index(1, -3), y.index("c", 0, 3))
z = [[1], [2]]
print(z.index([2]))
stack = []
for i in range(10):
    stack.append(i * i)
while len(stack) > 3:
    stack.pop()
print(stack)
queue = [1, 2, 3, 4]
while queue:
    head = queue.pop(0)
    if head < 3:
        queue.append(head + 10)
    print("served", head, queue)
big = [2**70]
big.append(-2**70)
big.insert(1, 0.5)
print(big, big.index(-2**70))
m = [3, 1, 2]
m.extend(m[:2])
m.insert(1, m.pop())
print(m)
