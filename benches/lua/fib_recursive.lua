-- Benchmark (Lua port of benches/programs/fib_recursive.py): doubly recursive Fibonacci, a hot function with no loop in it.
-- Runs under Lua 5.4 and LuaJIT alike; the result stays below 2^53, so LuaJIT's doubles are exact.

local function fib(n)
    if n < 2 then
        return n
    end
    return fib(n - 1) + fib(n - 2)
end

print(string.format("%d", fib(34)))
