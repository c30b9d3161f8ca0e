# A for loop over a range (the iterator is an operand-stack slot of the frame) with
# mixed int/float arithmetic.
def mean_square(n):
    acc = 0.0
    for k in range(n):
        x = k * 0.5
        acc = acc + x * x
    return acc / n


print(mean_square(1000))
