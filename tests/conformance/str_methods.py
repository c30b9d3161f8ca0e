"""str methods: join upper lower startswith endswith find replace."""

words = ["alpha", "beta", "gamma"]
print(", ".join(words), "".join(words), "-".join("abc"), "x".join([]), "x".join(["one"]))
print(" ".join(("t", "u", "p")), "\n".join(["l1", "l2"]), "".join(list("rejoin")))
print("Hello World 123".upper(), "Hello World 123".lower(), "".upper(), "ÀÉÎ straße".upper())
print("MiXeD".lower().upper(), "ALREADY".upper(), "ǅ".lower(), "ǅ".upper())
s = "hello world"
print(s.startswith("hello"), s.startswith("world"), s.startswith(""), s.startswith("hello world!"))
print(s.endswith("world"), s.endswith("o"), s.endswith(""), s.endswith("hello"))
print(s.startswith("world", 6), s.startswith("lo", 3, 5), s.endswith("hello", 0, 5))
print(s.startswith(("x", "he")), s.endswith(("ld", "zz")), s.startswith(()))
print(s.find("o"), s.find("o", 5), s.find("o", 5, 7), s.find("z"), s.find(""), s.find("", 20))
print(s.find("world"), s.find("hello", 1), s.find("l", -3), s.find("d", -1), s.find("h", -100))
print(s.replace("l", "L"), s.replace("l", "L", 2), s.replace("o", ""), s.replace("", "-"))
print(s.replace("xyz", "!"), s.replace("hello world", "bye"), s.replace("l", "L", 0))
print("aaaa".replace("aa", "b"), "aaa".replace("a", "aa"), "abab".replace("ab", "ba", 1))
print(s.upper().lower() == s, s.find("o") == 4, s)
path = "/usr/local/bin"
parts = path.split("/")
print(parts, "/".join(parts) == path)
line = "key = value"
eq = line.find("=")
print([line[:eq].strip()], [line[eq + 1:].strip()])
csv = "1,2,,3"
print(csv.split(","), len(csv.split(",")), "|".join(csv.split(",")))
print("ab".join("12345"), ", ".join(["a"] * 3))
print("straße".upper(), "ﬁ".upper(), "İ".lower(), len("İ".lower()))
print("ΟΔΟΣ".lower(), "ὈΔΥΣΣΕΎΣ".lower(), "σ".upper())
print("ümlaut".startswith("ü"), "naïve".find("ï"), "café".replace("é", "e"))
