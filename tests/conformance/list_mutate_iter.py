"""Mutating a list while iterating over it: the iterator sees the changes by index."""

lst = [1, 2, 3]
for x in lst:
    print("visit", x)
    if x < 6:
        lst.append(x + 3)
print(lst)

lst = [0, 1, 2, 3, 4, 5]
for x in lst:
    print("seen", x)
    if x % 2 == 0 and len(lst) < 9:
        lst.append(x * 10)
print(lst)

lst = [0, 1, 2, 3, 4, 5, 6]
for x in lst:
    print("pop-front iteration sees", x)
    lst.pop(0)
print(lst)

lst = [1, 2, 3, 4]
for x in lst:
    lst.pop()
    print("pop-back iteration sees", x, lst)

lst = [5, 6, 7]
for x in lst:
    lst.insert(0, x)
    print("insert at 0, sees", x)
    if len(lst) > 8:
        break
print(lst)

lst = [1, 2, 3]
for i in range(len(lst)):
    lst.append(lst[i] * 10)
print(lst)

lst = [3, 2, 1]
for x in lst:
    lst.reverse()
    print("reversing, sees", x)

lst = [1, 2]
for x in lst:
    lst[1] = "changed"
    print("item assignment visible:", x)

lst = [1, 2, 3]
for x in lst:
    lst = [9, 9, 9, 9, 9]
    print("rebinding name does not affect loop:", x)

lst = [0]
for x in lst:
    if len(lst) < 20:
        lst.extend([x + 1, x + 2])
print(len(lst), lst[:10])
