-- Benchmark (Lua port of benches/programs/call_heavy.py): a loop whose work is mostly calls to small functions of one to three arguments.
-- Python's module-level functions are local functions here; every value stays below 2^53, so LuaJIT's doubles are exact.

local function square(x)
    return x * x
end

local function parity(n)
    return n % 2
end

local function clamp(x, lo, hi)
    if x < lo then
        return lo
    end
    if x > hi then
        return hi
    end
    return x
end

local function add3(a, b, c)
    return a + b + c
end

local function mix(h, v)
    return (h * 31 + v) % 1000000007
end

local function run(n)
    local h = 0
    for i = 0, n - 1 do
        local x = clamp(i % 1000 - 100, 0, 800)
        local y = add3(x, square(i % 50), parity(i))
        h = mix(h, y)
    end
    return h
end

print(string.format("%d", run(3000000)))
