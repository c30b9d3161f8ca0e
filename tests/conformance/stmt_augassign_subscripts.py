"""Augmented assignment on subscripts: every operator, evaluation order, nesting."""

v = [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100]
v[0] += 1
v[1] -= 1
v[2] *= 2
v[3] /= 8
v[4] //= 8
v[5] %= 7
v[6] **= 2
v[7] &= 0b1100
v[8] |= 1
v[9] ^= 0xFF
v[10] <<= 3
v[11] >>= 3
print(v)

m = [[1, 2], [3, 4]]
m[0][1] += 10
m[1][0] *= -1
m[-1][-1] **= 30
print(m)


def idx(i):
    print("idx called with", i)
    return i


def get(lst):
    print("get called")
    return lst


data = [1, 2, 3]
get(data)[idx(2)] += 40
print(data)

s = ["a", "b"]
s[0] += "z"
s[1] *= 3
print(s)

inner = [1]
outer = [inner, inner]
outer[0] += [2]
print(outer, inner)

nums = [0] * 5
for i in range(20):
    nums[i % 5] += i
print(nums)

f = [1.5, -7.0]
f[0] //= 0.5
f[1] %= 3
print(f)

bigs = [2**63 - 1, -2**63]
bigs[0] += 1
bigs[1] -= 1
print(bigs)
bigs[0] -= 1
bigs[1] += 1
print(bigs)

counts = [0, 0, 0]
word = "abracadabra"
for ch in word:
    if ch == "a":
        counts[0] += 1
    elif ch == "b":
        counts[1] += 1
    else:
        counts[2] += 1
print(counts)

t = [(1, 2)]
t[0] += (3,)
print(t)

k = 0
arr = [10, 20, 30]
arr[k] += k + 5
k += 1
arr[k] -= arr[k - 1]
print(arr, k)
