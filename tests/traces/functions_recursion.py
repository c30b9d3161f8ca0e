# A loop that calls a recursive function and one that fills a default: neither call
# can be inlined (recursion, defaults), so the loop's trace makes them with `call_py`.
# The file name starts with `functions_`, so hot functions are traced from their
# entry too: `fib` gets a trace of its own, ending where it returns.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def scaled(x, factor=3):
    return x * factor


total = 0
for i in range(6):
    total += fib(i) + scaled(i)
print(total, fib(12))
