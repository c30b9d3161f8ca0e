"""Adding an int to a str: can only concatenate str (not "int") to str."""

label = "count: "
n = 5
print(label + str(n))
print(label + n)
