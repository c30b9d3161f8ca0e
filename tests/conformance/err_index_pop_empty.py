"""Popping from an empty list: pop from empty list."""

stack = [1, 2, 3]
while True:
    print("popped", stack.pop())
