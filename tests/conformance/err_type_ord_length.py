"""ord() of a two-character string: ord() expected a character, but string of length 2 found."""

for s in ["a", "é", "ab"]:
    print(ord(s))
