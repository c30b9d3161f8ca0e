# A function whose short loop has a trace, called from a hot loop: the caller's
# trace calls it with `call_py`, and the function gets an entry trace of its
# prologue that ends with `leave` at its loop's header, where the loop's trace is
# entered. (Compiled, such a call runs both traces without an interpreter.)
def fib_small(n):
    a = 0
    b = 1
    for i in range(n):
        a, b = b, a + b
    return a


checksum = 0
for rep in range(40):
    checksum = (checksum + fib_small(10 + rep % 3)) % 1000003
print(checksum)
