# A loop that calls a recursive function and one that fills a default: neither call
# can be inlined (recursion, defaults), so the loop's trace makes them with `call_py`
# (each takes enough steps to pay for a nested run). The file name starts with
# `functions_`, so hot functions are traced from their entry too: each gets a trace
# of its own, ending where it returns.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def count_down(n, step=1):
    if n <= 0:
        return 0
    return 1 + count_down(n - step, step)


total = 0
for i in range(6):
    total += fib(i + 6) + count_down(i + 10)
print(total, fib(12))
