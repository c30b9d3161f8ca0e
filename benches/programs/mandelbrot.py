"""Benchmark: escape-time Mandelbrot over a grid, printing a checksum instead of an image."""


def mandelbrot(width, height, max_iter):
    checksum = 0
    inside = 0
    for py in range(height):
        ci = 2.0 * py / height - 1.0
        for px in range(width):
            cr = 3.0 * px / width - 2.0
            zr = 0.0
            zi = 0.0
            n = 0
            while n < max_iter and zr * zr + zi * zi <= 4.0:
                t = zr * zr - zi * zi + cr
                zi = 2.0 * zr * zi + ci
                zr = t
                n += 1
            if n == max_iter:
                inside += 1
            checksum = (checksum * 33 + n) % 1000000007
    return checksum, inside


print(mandelbrot(400, 300, 120))
