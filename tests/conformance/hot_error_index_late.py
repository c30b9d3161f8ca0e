"""A hot loop that runs off the end of a shrinking list: IndexError in a late iteration."""

lst = list(range(2000))
i = 0
s = 0
while i < 2000:
    s += lst[i]
    if i % 3 == 0:
        lst.pop()
    if i % 250 == 0:
        print(i, s, len(lst))
    i += 1
