# Loops the recorder cannot trace yet end in named aborts, and the program runs on
# in the interpreter.
def shout(word):
    return word.upper()


words = []
for i in range(5):
    words.append(shout("w" + str(i)))
print(words)
