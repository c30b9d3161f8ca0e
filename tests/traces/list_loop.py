# Reading and writing a list in a loop, with a branch on a list item.
def sieve_count(n):
    flags = [True] * n
    count = 0
    for k in range(2, n):
        if flags[k]:
            count += 1
            j = k * k
            while j < n:
                flags[j] = False
                j += k
    return count


print(sieve_count(200))
