"""The match statement is outside the subset."""
x = 1
match x:
    case 1:
        print("one")
