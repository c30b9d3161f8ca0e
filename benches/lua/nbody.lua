-- Benchmark (Lua port of benches/programs/nbody.py): the classic n-body simulation, with bodies kept in tables.
-- Python's b[0]..b[6] are b[1]..b[7] here; `x ** 0.5` is `x ^ 0.5`, the same pow() call.

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

local PI = 3.14159265358979323
local SOLAR_MASS = 4 * PI * PI
local DAYS_PER_YEAR = 365.24

-- Each body is {x, y, z, vx, vy, vz, mass}.
local BODIES = {
    -- Sun
    {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS},
    -- Jupiter
    {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
     1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
     -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS},
    -- Saturn
    {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
     -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
     2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS},
    -- Uranus
    {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
     2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
     -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS},
    -- Neptune
    {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
     2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
     -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS},
}

local function offset_momentum(bodies)
    local px = 0.0
    local py = 0.0
    local pz = 0.0
    for _, b in ipairs(bodies) do
        px = px + b[4] * b[7]
        py = py + b[5] * b[7]
        pz = pz + b[6] * b[7]
    end
    local sun = bodies[1]
    sun[4] = -px / SOLAR_MASS
    sun[5] = -py / SOLAR_MASS
    sun[6] = -pz / SOLAR_MASS
end

local function energy(bodies)
    local e = 0.0
    local n = #bodies
    for i = 1, n do
        local b = bodies[i]
        e = e + 0.5 * b[7] * (b[4] * b[4] + b[5] * b[5] + b[6] * b[6])
        for j = i + 1, n do
            local b2 = bodies[j]
            local dx = b[1] - b2[1]
            local dy = b[2] - b2[2]
            local dz = b[3] - b2[3]
            e = e - (b[7] * b2[7]) / ((dx * dx + dy * dy + dz * dz) ^ 0.5)
        end
    end
    return e
end

local function advance(bodies, dt, steps)
    local n = #bodies
    for step = 0, steps - 1 do
        for i = 1, n do
            local b = bodies[i]
            for j = i + 1, n do
                local b2 = bodies[j]
                local dx = b[1] - b2[1]
                local dy = b[2] - b2[2]
                local dz = b[3] - b2[3]
                local d2 = dx * dx + dy * dy + dz * dz
                local mag = dt / (d2 * d2 ^ 0.5)
                local bm = b[7] * mag
                local b2m = b2[7] * mag
                b[4] = b[4] - dx * b2m
                b[5] = b[5] - dy * b2m
                b[6] = b[6] - dz * b2m
                b2[4] = b2[4] + dx * bm
                b2[5] = b2[5] + dy * bm
                b2[6] = b2[6] + dz * bm
            end
        end
        for _, b in ipairs(bodies) do
            b[1] = b[1] + dt * b[4]
            b[2] = b[2] + dt * b[5]
            b[3] = b[3] + dt * b[6]
        end
    end
end

offset_momentum(BODIES)
print(py_round_repr(energy(BODIES), 9))
advance(BODIES, 0.01, 150000)
print(py_round_repr(energy(BODIES), 9))
