"""try/except is outside the subset."""
x = 0
print(x)
try:
    print(1 / x)
except ZeroDivisionError:
    print("caught")
