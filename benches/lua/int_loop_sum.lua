-- Benchmark (Lua port of benches/programs/int_loop_sum.py): a tight integer loop with a modulo and a branch, inside a function.
-- Runs under Lua 5.4 and LuaJIT alike; every intermediate stays below 2^53, so LuaJIT's doubles are exact.

local function run(n)
    local total = 0
    local i = 0
    while i < n do
        if i % 3 == 0 then
            total = total + i
        else
            total = total - 1
        end
        i = i + 1
    end
    return total
end

local checksum = 0
for rep = 0, 4 do
    checksum = checksum + run(1500000) % 1000000007
end
print(string.format("%d", checksum))
