"""Decorators are outside the subset."""
print("start")
@print
def f():
    pass
