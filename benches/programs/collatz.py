"""Benchmark: the longest Collatz chain starting below a limit."""


def longest_chain(limit):
    best_start = 1
    best_steps = 0
    total_steps = 0
    for start in range(1, limit):
        n = start
        steps = 0
        while n != 1:
            if n % 2 == 0:
                n = n // 2
            else:
                n = 3 * n + 1
            steps += 1
        total_steps += steps
        if steps > best_steps:
            best_steps = steps
            best_start = start
    return best_start, best_steps, total_steps


best_start, best_steps, total_steps = longest_chain(150000)
print(best_start, best_steps, total_steps)
