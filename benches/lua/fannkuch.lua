-- Benchmark (Lua port of benches/programs/fannkuch.py): pancake flips over every permutation of n items, visited in lexicographic order.
-- The items are 0..n-1 as in Python, but positions are 1-based: Python's position p is p + 1 here, so
-- "reverse up to the position named by the first item" reverses work[1..first + 1].

local function fannkuch(n)
    local perm = {}
    local work = {}
    for i = 1, n do
        perm[i] = i - 1
        work[i] = 0
    end
    local count = 0
    local max_flips = 0
    local checksum = 0
    while true do
        for i = 1, n do
            work[i] = perm[i]
        end
        local flips = 0
        local first = work[1]
        while first ~= 0 do
            local lo = 1
            local hi = first + 1
            while lo < hi do
                local t = work[lo]
                work[lo] = work[hi]
                work[hi] = t
                lo = lo + 1
                hi = hi - 1
            end
            flips = flips + 1
            first = work[1]
        end
        count = count + 1
        if flips > max_flips then
            max_flips = flips
        end
        checksum = (checksum * 31 + flips) % 1000000007
        -- Step to the next permutation: find the rightmost ascent, swap its left end with
        -- the rightmost larger item, and reverse the tail after it.
        local i = n - 1
        while i >= 1 and perm[i] > perm[i + 1] do
            i = i - 1
        end
        if i < 1 then
            break
        end
        local j = n
        while perm[j] < perm[i] do
            j = j - 1
        end
        local t = perm[i]
        perm[i] = perm[j]
        perm[j] = t
        local lo = i + 1
        local hi = n
        while lo < hi do
            t = perm[lo]
            perm[lo] = perm[hi]
            perm[hi] = t
            lo = lo + 1
            hi = hi - 1
        end
    end
    return count, max_flips, checksum
end

print(string.format("%d %d %d", fannkuch(9)))
