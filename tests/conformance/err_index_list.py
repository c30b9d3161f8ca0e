"""Reading past the end of a list: list index out of range."""

lst = [10, 20, 30]
i = 0
while True:
    print(lst[i])
    i += 1
