//! `native NAME`: runs the native Rust port of `benches/programs/NAME.py` and prints what
//! the Python program prints. `native --list` prints the program names, one a line.
//!
//! `cargo xtask peers` times this binary (built with `--release`) as the "native" column.

#![forbid(unsafe_code)]

use std::io::Write;
use std::process::ExitCode;

use tracelift_benches::{program, PROGRAMS};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let names = || {
        PROGRAMS
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match args.as_slice() {
        [flag] if flag == "--list" => {
            for (name, _) in PROGRAMS {
                println!("{name}");
            }
            ExitCode::SUCCESS
        }
        [name] => match program(name) {
            Some(run) => {
                let output = run();
                let mut stdout = std::io::stdout().lock();
                if stdout
                    .write_all(output.as_bytes())
                    .and_then(|()| stdout.flush())
                    .is_err()
                {
                    return ExitCode::FAILURE;
                }
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("native: no program named `{name}` (known: {})", names());
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!("usage: native NAME | native --list\nprograms: {}", names());
            ExitCode::from(2)
        }
    }
}
