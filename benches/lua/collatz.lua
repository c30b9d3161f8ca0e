-- Benchmark (Lua port of benches/programs/collatz.py): the longest Collatz chain starting below a limit.
-- Every value reached stays below 2^53, so LuaJIT's doubles are exact. LuaJIT has no `//`: `n // 2`
-- becomes math.floor(n / 2), exact because n is even there (and an integer again in Lua 5.4).

local function longest_chain(limit)
    local best_start = 1
    local best_steps = 0
    local total_steps = 0
    for start = 1, limit - 1 do
        local n = start
        local steps = 0
        while n ~= 1 do
            if n % 2 == 0 then
                n = math.floor(n / 2)
            else
                n = 3 * n + 1
            end
            steps = steps + 1
        end
        total_steps = total_steps + steps
        if steps > best_steps then
            best_steps = steps
            best_start = start
        end
    end
    return best_start, best_steps, total_steps
end

print(string.format("%d %d %d", longest_chain(150000)))
