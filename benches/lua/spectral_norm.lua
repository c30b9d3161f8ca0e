-- Benchmark (Lua port of benches/programs/spectral_norm.py): the spectral norm of A(i, j) = 1 / ((i+j)(i+j+1)/2 + i + 1).
-- Indices i and j are 0-based values as in Python; vectors are 1-based tables, hence v[j + 1].

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

-- (i + j) * (i + j + 1) is always even, so math.floor(... / 2) is Python's exact `// 2` in both
-- Lua 5.4 (which has `//`) and LuaJIT (which does not).
local function eval_a(i, j)
    return 1.0 / (math.floor((i + j) * (i + j + 1) / 2) + i + 1)
end

local function mul_av(v, out)
    local n = #v
    for i = 0, n - 1 do
        local s = 0.0
        for j = 0, n - 1 do
            s = s + eval_a(i, j) * v[j + 1]
        end
        out[i + 1] = s
    end
end

local function mul_atv(v, out)
    local n = #v
    for i = 0, n - 1 do
        local s = 0.0
        for j = 0, n - 1 do
            s = s + eval_a(j, i) * v[j + 1]
        end
        out[i + 1] = s
    end
end

local function mul_atav(v, out, tmp)
    mul_av(v, tmp)
    mul_atv(tmp, out)
end

local function filled(n, value)
    local list = {}
    for i = 1, n do
        list[i] = value
    end
    return list
end

local function spectral_norm(n)
    local u = filled(n, 1.0)
    local v = filled(n, 0.0)
    local tmp = filled(n, 0.0)
    for i = 0, 9 do
        mul_atav(u, v, tmp)
        mul_atav(v, u, tmp)
    end
    local vbv = 0.0
    local vv = 0.0
    for i = 1, n do
        vbv = vbv + u[i] * v[i]
        vv = vv + v[i] * v[i]
    end
    return (vbv / vv) ^ 0.5
end

print(py_round_repr(spectral_norm(320), 9))
