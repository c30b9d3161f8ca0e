-- Benchmark (Lua port of benches/programs/fib_iter.py): iterative Fibonacci modulo a prime, repeated.
-- Runs under Lua 5.4 and LuaJIT alike; every intermediate stays below 2^53, so LuaJIT's doubles are exact.

local function fib_mod(n, m)
    local a = 0
    local b = 1
    for i = 0, n - 1 do
        a, b = b, (a + b) % m
    end
    return a
end

local checksum = 0
for rep = 0, 1399 do
    checksum = (checksum * 31 + fib_mod(10000 + rep, 1000000007)) % 1000000007
end
print(string.format("%d", checksum))
