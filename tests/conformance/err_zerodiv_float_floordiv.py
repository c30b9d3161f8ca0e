"""Float floor division by zero."""

print(7.5 // 2.0)
zero = 0.0
print("about to fail")
print(7.5 // zero)
