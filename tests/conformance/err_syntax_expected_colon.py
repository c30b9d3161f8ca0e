"""An if statement without its colon: expected ':'."""
x = 1
if x > 0
    print(x)
