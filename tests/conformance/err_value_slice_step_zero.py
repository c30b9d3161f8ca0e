"""A zero slice step: slice step cannot be zero."""

lst = [1, 2, 3]
print(lst[::1], lst[::-1])
step = 0
print(lst[::step])
