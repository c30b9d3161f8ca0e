# A recursive function whose deepest call raises: with functions traced, the
# recursion runs as compiled calls and the error comes out of the innermost one,
# after every frame above it has printed nothing more.


def f(n):
    if n == 0:
        return 1 // n
    return f(n - 1) + 1


def g(n):
    if n < 2:
        return n
    return g(n - 1) + g(n - 2)


for i in range(300):
    g(8)
print(g(20))
print(f(30))
print("never printed")
