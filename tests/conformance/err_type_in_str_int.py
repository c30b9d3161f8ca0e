"""Testing an int in a str: 'in <string>' requires string as left operand, not int."""

text = "12345"
print("3" in text)
print(3 in text)
