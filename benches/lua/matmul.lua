-- Benchmark (Lua port of benches/programs/matmul.py): nested-loop matrix multiplication on tables of tables.
-- Runs under Lua 5.4 and LuaJIT alike; see next_seed for the one place that needs care with doubles.

-- Python's round(x, digits) followed by repr(), for the magnitudes printed here (no exponent):
-- "%.Nf" rounds the exact binary value correctly, as round() does; then repr drops trailing zeros
-- but keeps one digit after the point.
local function py_round_repr(x, digits)
    local text = string.format("%." .. digits .. "f", x)
    text = text:gsub("0+$", "")
    if text:sub(-1) == "." then
        text = text .. "0"
    end
    return text
end

-- (x * 1103515245 + 12345) % 2^31 for 0 <= x < 2^31, computed exactly. The plain product can
-- reach 2^61, past the 2^53 that LuaJIT's doubles hold exactly, so the multiplier is split
-- into 16-bit halves: (x * hi * 2^16) % 2^31 == ((x * hi) % 2^15) * 2^16, and every partial
-- result stays below 2^48.
local MUL_HI = 16838 -- 1103515245 // 65536
local MUL_LO = 20077 -- 1103515245 % 65536
local function next_seed(x)
    return (((x * MUL_HI) % 32768) * 65536 + x * MUL_LO + 12345) % 2147483648
end

local function make_matrix(n, seed)
    local m = {}
    local x = seed
    for i = 1, n do
        local row = {}
        for j = 1, n do
            x = next_seed(x)
            row[#row + 1] = (x % 1000) / 100.0 - 5.0
        end
        m[#m + 1] = row
    end
    return m
end

local function matmul(a, b)
    local n = #a
    local p = #b[1]
    local inner = #b
    local c = {}
    for i = 1, n do
        local ai = a[i]
        local row = {}
        for j = 1, p do
            row[j] = 0.0
        end
        for k = 1, inner do
            local aik = ai[k]
            local bk = b[k]
            for j = 1, p do
                row[j] = row[j] + aik * bk[j]
            end
        end
        c[#c + 1] = row
    end
    return c
end

local n = 170
local a = make_matrix(n, 1)
local b = make_matrix(n, 2)
local c = matmul(a, b)
c = matmul(c, a)
local trace = 0.0
local total = 0.0
for i = 1, n do
    trace = trace + c[i][i]
    for j = 1, n do
        total = total + c[i][j]
    end
end
print(py_round_repr(trace, 6) .. " " .. py_round_repr(total, 6))
