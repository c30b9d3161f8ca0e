-- Benchmark (Lua port of benches/programs/float_series.py): the Leibniz series for pi, a float sum whose sign flips every term.
-- `sign / (2 * k + 1)` divides a float by an integer in both languages: the integer is exact as a double, so every term is the same.

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

local function leibniz(n)
    local total = 0.0
    local sign = 1.0
    for k = 0, n - 1 do
        total = total + sign / (2 * k + 1)
        sign = -sign
    end
    return 4.0 * total
end

print(py_round_repr(leibniz(10000000), 9))
