"""Unicode strings: length in code points, indexing, case mapping, ordering."""

samples = ["héllo", "日本語", "😀👍", "straße", "Ωμέγα", "naïve", "a\u0301", "ﬁ", ""]
for s in samples:
    print([s], len(s), s.upper(), s.lower(), [s[::-1]])
print("ß".upper(), len("ß".upper()), "ẞ".lower(), "ŉ".upper(), "ΐ".upper())
print("ΣΑΣ".lower(), "Σ".lower(), "ΑΣ Β".lower(), "ᾳ".upper())
print("İstanbul".lower(), len("İstanbul".lower()), "ǈ".upper(), "ǈ".lower())
s = "añb😀c"
print(s[0], s[1], s[2], s[3], s[4], s[-1], s[-2], s[1:4], s[::2])
print(s.find("😀"), s.find("c"), s.replace("😀", ":)"), s.split("😀"))
print("é" < "z", "z" < "é", "😀" > "中", max("aé中😀"), min("aé中😀"))
print(ord("é"), chr(233) == "é", "e\u0301" == "é", len("e\u0301"))
print("ÄÖÜ".lower(), "äöü".upper(), "Ça va".lower(), "ĳ".upper())
print("ℌ".lower(), "ℌ".upper(), "Ⅻ".lower(), "ⓐ".upper())
word = "Grüße"
out = ""
for ch in word:
    out += ch.upper() + "."
print(out)
print(["\u00e9"] == ["é"], "\U0001F600" == "😀", len("\U0001F600"))
print("x".join(["α", "β", "γ"]), "αβγ".startswith("αβ"), "αβγ".endswith("γ"))
print("  ünïcode  ".strip(), "ü-ü".split("-"), "ÜBER".lower().find("b"))
