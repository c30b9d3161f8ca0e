"""async functions are outside the subset."""
x = 1
async def f():
    return x
