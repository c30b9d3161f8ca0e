-- Benchmark (Lua port of benches/programs/nested_short_inner.py): a function with a short loop (about 60 iterations), called from a long outer loop.
-- fib_small(69) is below 2^53 and the checksum is reduced every step, so LuaJIT's doubles are exact.

local function fib_small(n)
    local a = 0
    local b = 1
    for i = 0, n - 1 do
        a, b = b, a + b
    end
    return a
end

local checksum = 0
for rep = 0, 999999 do
    checksum = (checksum + fib_small(50 + rep % 20)) % 1000000007
end
print(string.format("%d", checksum))
