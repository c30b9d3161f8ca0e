"""Benchmark: pancake flips over every permutation of n items, visited in lexicographic order.

For each permutation, the prefix up to the position named by the first item is reversed
until that first item is 0; the flip counts go into a checksum and a maximum.
"""


def fannkuch(n):
    perm = list(range(n))
    work = [0] * n
    count = 0
    max_flips = 0
    checksum = 0
    while True:
        for i in range(n):
            work[i] = perm[i]
        flips = 0
        first = work[0]
        while first != 0:
            lo = 0
            hi = first
            while lo < hi:
                t = work[lo]
                work[lo] = work[hi]
                work[hi] = t
                lo += 1
                hi -= 1
            flips += 1
            first = work[0]
        count += 1
        if flips > max_flips:
            max_flips = flips
        checksum = (checksum * 31 + flips) % 1000000007
        # Step to the next permutation: find the rightmost ascent, swap its left end with
        # the rightmost larger item, and reverse the tail after it.
        i = n - 2
        while i >= 0 and perm[i] > perm[i + 1]:
            i -= 1
        if i < 0:
            break
        j = n - 1
        while perm[j] < perm[i]:
            j -= 1
        t = perm[i]
        perm[i] = perm[j]
        perm[j] = t
        lo = i + 1
        hi = n - 1
        while lo < hi:
            t = perm[lo]
            perm[lo] = perm[hi]
            perm[hi] = t
            lo += 1
            hi -= 1
    return count, max_flips, checksum


count, max_flips, checksum = fannkuch(9)
print(count, max_flips, checksum)
