"""global declarations: reading, rebinding, creating globals from functions."""

counter = 0
name = "start"


def bump():
    global counter
    counter += 1
    return counter


def read_only():
    return counter * 10


for i in range(5):
    bump()
print(counter, read_only())


def rename(new):
    global name
    old = name
    name = new
    return old


print(rename("middle"), name)
print(rename("end"), name)


def make_global():
    global created
    created = [1, 2, 3]


make_global()
print(created)


def shadow():
    counter = "local"
    return counter


print(shadow(), counter)


def mutate_global_list():
    created.append(4)


mutate_global_list()
print(created)


def two_globals(x):
    global counter, name
    counter = x
    name = str(x)


two_globals(77)
print(counter, name)

total = 0


def add_all(lst):
    global total
    for x in lst:
        total += x


add_all(range(10))
add_all([100, 200])
print(total)


def use_later():
    return later_defined + 1


later_defined = 41
print(use_later())
later_defined = "x"
print(later_defined)


def swap_fn():
    global helper
    helper = replacement_helper


def helper():
    return "original helper"


def replacement_helper():
    return "replacement helper"


print(helper())
swap_fn()
print(helper())
