"""Module docstring: it is an expression statement and prints nothing."""

'''A second string statement, also ignored.'''


def documented(x):
    """Return x plus one.

    The docstring spans several lines and contains 'quotes' and "quotes".
    """
    return x + 1


def only_docstring():
    """This function has nothing but a docstring."""


def docstring_then_code():
    'single-quoted docstring'
    y = 5
    "a string in the middle is just an expression"
    return y


print(documented(1))
print(only_docstring())
print(docstring_then_code())
"expression statement at module level"
42
None
[1, 2, 3]
documented(5)
print("done")


def loop_with_strings(n):
    """Docstring."""
    s = 0
    for i in range(n):
        "string statement inside loop"
        s += i
    return s


print(loop_with_strings(100))
