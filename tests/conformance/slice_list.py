"""Slicing lists with starts, stops, steps, negatives and out-of-range bounds."""

a = list(range(10))
print(a[2:5], a[:3], a[7:], a[:], a[-3:], a[:-3], a[-5:-2], a[5:2], a[3:3])
print(a[::2], a[1::2], a[::3], a[::-1], a[::-2], a[8:2:-2], a[2:8:-1], a[-1:-4:-1])
print(a[-100:100], a[100:], a[:-100], a[-100:3], a[5:100:3], a[100:0:-3])
print(a[None:3], a[3:None], a[::None], a[None:None:-1])
print(a[True:], a[:2**100], a[-2**100:2], a[2**100:], a[::2**100], a[::-2**100])
b = a[2:6]
b[0] = "changed"
print(a, b)
c = a[:]
print(c == a, c is a)
nested = [[1, 2], [3, 4], [5, 6]]
part = nested[1:]
part[0].append("shared inner")
print(nested, part)
print(a[1:9][::2][1:], a[::-1][::-1] == a)
n = len(a)
for step in [1, 2, 3, -1, -3]:
    print(step, a[::step])
for start in range(-3, 4):
    print(start, a[start:start + 3], a[start::4])
