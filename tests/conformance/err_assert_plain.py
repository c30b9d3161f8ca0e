"""A failing assert without a message: the last stderr line is just AssertionError."""

for i in range(5):
    assert i < 3
    print("ok", i)
