-- Benchmark (Lua port of benches/programs/sieve.py): the sieve of Eratosthenes on a list of flags, repeated.
-- Flags are indexed 0..n like the Python list; index 0 lives in the table's hash part, which
-- only the two stores below touch.

local function sieve(n)
    local flags = {}
    for k = 0, n do
        flags[k] = true
    end
    flags[0] = false
    flags[1] = false
    local i = 2
    while i * i <= n do
        if flags[i] then
            local j = i * i
            while j <= n do
                flags[j] = false
                j = j + i
            end
        end
        i = i + 1
    end
    local count = 0
    local last = 0
    for k = 0, n do
        if flags[k] then
            count = count + 1
            last = k
        end
    end
    return count, last
end

local total = 0
local count, last
for rep = 0, 19 do
    count, last = sieve(400000 + rep)
    total = total + count
end
print(string.format("%d %d %d", total, count, last))
