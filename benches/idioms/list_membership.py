# Testing membership in a short list, hits and misses.
primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47]
hits = 0
for i in range(300000):
    if i % 50 in primes:
        hits += 1
print(hits)
