"""Every augmented assignment operator on names, with ints, floats, strs, lists."""

x = 10
x += 5
print("+=", x)
x -= 20
print("-=", x)
x *= 3
print("*=", x)
x //= 4
print("//=", x)
x %= 7
print("%=", x)
x **= 3
print("**=", x)
x <<= 4
print("<<=", x)
x >>= 2
print(">>=", x)
x &= 0b1111
print("&=", x)
x |= 0b10000
print("|=", x)
x ^= 0b11111
print("^=", x)
x /= 4
print("/=", x)

f = 1.5
f += 1
f *= 2.5
f -= 0.25
f /= 2
f //= 1
f %= 3
f **= 2
print("float chain", f)

y = -17
y //= 5
print("neg //=", y)
y = -17
y %= 5
print("neg %=", y)
y = 17
y %= -5
print("%= neg", y)

big = 2**62
big += 2**62
print("big +=", big)
big *= big
print("big *=", big)
big -= big - 1
print("big back", big)
big <<= 100
print("big <<=", big)
big >>= 99
print("big >>=", big)
big **= 20
print("big **=", big)

s = "ab"
s += "cd"
s *= 2
print("str", s)

lst = [1]
alias = lst
lst += [2, 3]
print("list += keeps identity", lst, alias, lst is alias)
lst *= 2
print("list *= keeps identity", lst, alias, lst is alias)
lst = lst + [4]
print("list = + makes new", lst, alias, lst is alias)
lst += "xy"
print("list += str", lst)
lst += (7,)
print("list += tuple", lst)

t = (1,)
tal = t
t += (2,)
print("tuple +=", t, tal)

b = True
b += True
print("bool +=", b)
b = True
b &= False
print("bool &=", b)
b = False
b |= True
print("bool |=", b)
b ^= True
print("bool ^=", b)

n = 7
n **= -1
print("**= negative", n)
n = 2
n **= 0.5
print("**= half", n)
