//! Port of `benches/programs/mandelbrot.py`: escape-time Mandelbrot over a grid, printing a
//! checksum instead of an image.

fn mandelbrot(width: i64, height: i64, max_iter: i64) -> (i64, i64) {
    let mut checksum = 0;
    let mut inside = 0;
    for py in 0..height {
        let ci = 2.0 * py as f64 / height as f64 - 1.0;
        for px in 0..width {
            let cr = 3.0 * px as f64 / width as f64 - 2.0;
            let mut zr = 0.0;
            let mut zi = 0.0;
            let mut n = 0;
            while n < max_iter && zr * zr + zi * zi <= 4.0 {
                let t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                n += 1;
            }
            if n == max_iter {
                inside += 1;
            }
            checksum = (checksum * 33 + n) % 1000000007;
        }
    }
    (checksum, inside)
}

/// Runs the benchmark and returns its stdout (Python prints the returned tuple).
pub fn run() -> String {
    let (checksum, inside) = mandelbrot(400, 300, 120);
    format!("({checksum}, {inside})\n")
}
