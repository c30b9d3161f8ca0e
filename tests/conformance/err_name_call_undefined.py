"""Calling a function that was never defined: name 'compute_answer' is not defined."""

print("fine")
result = compute_answer(42)
print(result)
