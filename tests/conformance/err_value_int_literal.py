"""int() of a non-numeric str: invalid literal for int() with base 10: 'abc'."""

for s in ["12", " 7 ", "-3", "abc"]:
    print(int(s) * 2)
