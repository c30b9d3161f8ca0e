"""Calling the None returned by a function: 'NoneType' object is not callable."""


def get_handler(n):
    if n < 3:
        return print


for i in range(5):
    handler = get_handler(i)
    handler("handled", i)
