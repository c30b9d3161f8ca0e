"""Functions updating globals from inside hot loops."""

counter = 0
log = []


def tick(n):
    global counter
    counter += n
    if counter % 1000 == 0:
        log.append(counter)


for i in range(5000):
    tick(1)
print(counter, log)


def reset_at(limit):
    global counter
    for i in range(limit):
        counter -= 1
        if counter < 4000:
            counter = 0
            return i
    return -1


print(reset_at(10000), counter)
mode = "add"


def apply(x):
    if mode == "add":
        return x + 1
    return x * 2


v = 0
for i in range(2000):
    if i == 1990:
        mode = "mul"
    v = apply(v)
print(v)
