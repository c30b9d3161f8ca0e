"""Every form of `return`: bare, with a value, a bare tuple, implicit None."""


def bare(x):
    if x > 0:
        return
    print("not positive", x)


print(bare(1))
print(bare(-1))


def implicit():
    x = 1


print(implicit())


def value(x):
    return x * 2


print(value(21), value("ab"), value([1]))


def pair(a, b):
    return a + b, a - b


s, d = pair(10, 3)
print(s, d)
print(pair(1, 2))
t = pair(2.5, 0.5)
print(t, t[0], t[1], len(t))


def triple():
    return 1, "two", 3.0


print(triple())
a, b, c = triple()
print(c, b, a)


def paren_tuple():
    return (4, 5)


print(paren_tuple())


def single_tuple():
    return 7,


print(single_tuple())


def early(lst):
    for x in lst:
        if x < 0:
            return x
    return None


print(early([1, 2, -3, 4]))
print(early([1, 2]))


def divmod_like(a, b):
    return a // b, a % b


for a in [17, -17]:
    for b in [5, -5]:
        q, r = divmod_like(a, b)
        print(a, b, q, r, q * b + r == a)


def nested_return(n):
    i = 0
    while True:
        j = 0
        while j < n:
            if i * j == 12:
                return i, j
            j += 1
        i += 1
        if i > n:
            return "none"


print(nested_return(10))
print(nested_return(2))


def return_list():
    return [1, [2, 3]]


x = return_list()
x[1].append(4)
print(x)
