"""An undefined global read inside a function: name 'undefined_total' is not defined."""


def report():
    return undefined_total + 1


print("before")
print(report())
