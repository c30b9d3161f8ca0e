# Loops of shapes the recorder leaves to the interpreter end in named aborts, and
# the program runs on in the interpreter.
def shout(word, mark="!"):
    return word.upper() + mark


words = []
for i in range(5):
    add = words.append
    add(str(i))
for i in range(5):
    words.append(shout("w" + str(i)))
print(words)
