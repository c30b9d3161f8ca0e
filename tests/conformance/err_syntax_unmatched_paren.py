"""A closing parenthesis without an opener: unmatched ')'."""
x = 1
print(x))
