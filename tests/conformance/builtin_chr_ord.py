"""chr() and ord() over ASCII, Latin-1, the BMP and astral planes."""

for c in ["a", "A", "0", " ", "\n", "\x00", "~", "é", "ß", "€", "中", "😀", "\x7f", "\uffff"]:
    print([c], ord(c), [chr(ord(c))], chr(ord(c)) == c)
for n in [0, 10, 32, 65, 97, 126, 127, 128, 160, 255, 256, 8364, 65535, 65536, 128512, 1114111]:
    print(n, [chr(n)], ord(chr(n)))
s = ""
for n in range(65, 91):
    s += chr(n)
print(s)
shifted = ""
for c in "Hello, World":
    if "a" <= c <= "z":
        shifted += chr((ord(c) - ord("a") + 13) % 26 + ord("a"))
    elif "A" <= c <= "Z":
        shifted += chr((ord(c) - ord("A") + 13) % 26 + ord("A"))
    else:
        shifted += c
print(shifted)
print(chr(True), ord(chr(0x10FFFF)) == 0x10FFFF)
