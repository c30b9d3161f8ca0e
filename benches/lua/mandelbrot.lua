-- Benchmark (Lua port of benches/programs/mandelbrot.py): escape-time Mandelbrot over a grid, printing a checksum instead of an image.
-- Runs under Lua 5.4 and LuaJIT alike; the integer checksum stays below 2^53, so LuaJIT's doubles are exact.

local function mandelbrot(width, height, max_iter)
    local checksum = 0
    local inside = 0
    for py = 0, height - 1 do
        local ci = 2.0 * py / height - 1.0
        for px = 0, width - 1 do
            local cr = 3.0 * px / width - 2.0
            local zr = 0.0
            local zi = 0.0
            local n = 0
            while n < max_iter and zr * zr + zi * zi <= 4.0 do
                local t = zr * zr - zi * zi + cr
                zi = 2.0 * zr * zi + ci
                zr = t
                n = n + 1
            end
            if n == max_iter then
                inside = inside + 1
            end
            checksum = (checksum * 33 + n) % 1000000007
        end
    end
    return checksum, inside
end

-- Python prints the returned tuple: "(checksum, inside)".
print(string.format("(%d, %d)", mandelbrot(400, 300, 120)))
