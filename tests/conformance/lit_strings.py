"""String literals: quote styles, triple quotes and escape sequences."""

print('single')
print("double")
print('''triple single''')
print("""triple double""")
print('it\'s', "say \"hi\"", 'mixed "quotes"', "mixed 'quotes'")
print("tab:\tend")
print("newline:\nsecond line")
print("backslash: \\")
print("hex: \x41\x42\x43 \x7e")
print("octal: \101\102 \0" == "octal: AB \x00")
print("unicode: \u00e9 \u4e2d \U0001F600")
print("bell and friends:", len("\a\b\f\v\r"))
print("carriage\rreturn" == "carriage" + "\r" + "return")
print("""multi
line
    string with "quotes" and 'quotes'""")
print('''also
multi''')
print("line \
continued")
print(len(""), len(''), len(""""""), len("\n"), len("\\n"))
print("" == '', "a" == 'a', '"' == "\"")
print(["\t", "\n", "\\", "\x00", "\x7f", "\x80", "\xff", "\u00e9"])
print(['quote\'s', "dq\"s", 'both \' and "'])
