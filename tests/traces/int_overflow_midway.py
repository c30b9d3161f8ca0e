# The multiply is specialised to small ints while the values are small; the value
# the loop is recorded with (10**15) makes a product that does not fit in 64 bits,
# and the add and the modulo then see a big int. The recording takes those
# instructions' generic forms and closes the loop, instead of ending at the first
# one the interpreter declines.
total = 0
for v in [1, 2, 10**15, 3, 4, 5]:
    total = (total + v * 100000) % 1000003
print(total)
