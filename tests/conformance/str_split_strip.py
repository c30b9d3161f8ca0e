"""str.split in all its forms and str.strip with and without chars."""

print("a b  c".split(), "  lead and trail  ".split(), "".split(), "   ".split())
print("tabs\tand\nnewlines\r\n mixed".split(), "one".split())
print("a\x1fb\x1cc\x1dd\x1ee".split(), "x\x0by\x0cz".split(), "u\xa0v\u3000w".split())
print("a,b,,c,".split(","), ",".split(","), "".split(","), "abc".split(","))
print("a::b::c".split("::"), "aaa".split("a"), "a b c".split(" "), "a  b".split(" "))
print("a b c d".split(None, 1), "a b c d".split(None, 2), "  a b  ".split(None, 1))
print("a,b,c,d".split(",", 1), "a,b,c,d".split(",", 0), "a,b,c,d".split(",", -1))
print("a b c".split(None, 0), "  a b c".split(None, 0), "a,b,c".split(",", 10))
print("  a  ".strip(), ["  a  ".strip()], ["\t\n x \r\n".strip()], ["".strip()])
print(["xxhixx".strip("x")], ["abcHIcba".strip("abc")], ["hi".strip("")], ["aaa".strip("a")])
print(["  spaced  ".strip(" ")], ["--==x==--".strip("-=")], ["xyz".strip("q")])
print(["\x1f\x1ctext\x1d\x1e".strip()], ["\u3000wide\u3000".strip()], ["\xa0nbsp\xa0".strip()])
print(["  a  ".strip(None)], ["12321".strip("1")], ["éaé".strip("é")])
text = "  The quick  brown fox\tjumps over\nthe lazy dog  "
words = text.split()
print(len(words), words)
print(" ".join(words))
numbers = "3, 1, 4, 1, 5, 9, 2, 6"
total = 0
for piece in numbers.split(","):
    total += int(piece.strip())
print("total", total)
record = "name:Ann:age:30"
fields = record.split(":")
i = 0
while i < len(fields):
    print(fields[i], "=", fields[i + 1])
    i += 2
