# Factorials as big ints, and their number of digits.
def factorial(n):
    result = 1
    for k in range(2, n + 1):
        result *= k
    return result


digits = 0
for n in range(1000, 1200, 20):
    digits += len(str(factorial(n)))
print(digits)
