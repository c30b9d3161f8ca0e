//! The perf map: `/tmp/perf-PID.map`, one `ADDRESS SIZE NAME` line (hex address and
//! size) per compiled trace, which `perf report` reads to name frames in JIT code.
//! With frame pointers kept in traces, perf also unwinds through them.

use std::fs::File;
use std::io::Write;

/// An open perf map file.
pub struct PerfMap {
    file: File,
}

impl PerfMap {
    /// Creates (or truncates) `/tmp/perf-PID.map` for this process.
    pub fn open() -> std::io::Result<PerfMap> {
        let path = std::env::temp_dir().join(format!("perf-{}.map", std::process::id()));
        Ok(PerfMap {
            file: File::create(path)?,
        })
    }

    /// Adds a line for a trace; a write error is ignored (profiling aid only).
    pub fn record(&mut self, entry: *const u8, size: usize, name: &str) {
        let _ = writeln!(self.file, "{:x} {:x} {}", entry as usize, size, name);
        let _ = self.file.flush();
    }
}
