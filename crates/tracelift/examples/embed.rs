//! Embedding tracelift in a Rust program: run a script, call its functions with typed
//! arguments, read and set globals, register a Rust function, capture output, and keep
//! an untrusted script within a step budget.
//!
//! Run it with `cargo run -p tracelift --example embed`.

use tracelift::{ErrorKind, Vm};

fn main() -> Result<(), tracelift::Error> {
    let mut vm = Vm::new();
    let output = vm.capture_output();

    // A host function with typed arguments, callable from the script.
    vm.register("hypot", |x: f64, y: f64| (x * x + y * y).sqrt());
    vm.set("scale", 10);

    vm.run(
        "def norm(points):\n\
         \x20   total = 0.0\n\
         \x20   for x, y in points:\n\
         \x20       total += hypot(x, y) * scale\n\
         \x20   return total\n\
         print('ready', norm([(3, 4)]))\n",
    )?;
    print!("script printed: {}", output.text());

    let total: f64 = vm.call("norm", (vec![(3.0, 4.0), (6.0, 8.0)],))?;
    println!("norm from Rust: {total}");

    let greeting: Option<String> = vm.get("missing_name").ok();
    println!("missing global: {greeting:?}");

    // An endless loop stops with a clear error once the budget is spent.
    vm.set_fuel(Some(100_000));
    let error = vm.run("while True:\n    pass\n").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::FuelExhausted);
    println!("untrusted script stopped: {error}");

    // A script that would exhaust memory gets MemoryError at the statement that
    // allocated; the VM stays usable.
    vm.set_fuel(None);
    vm.set_memory_limit(Some(16 << 20));
    let error = vm
        .run(
            "def grow():
    xs = []
    while True:
        xs.append('x' * 100)
grow()
",
        )
        .unwrap_err();
    println!(
        "untrusted script stopped: {error} (peak {} bytes)",
        vm.memory_peak()
    );
    vm.set_memory_limit(None);

    // Errors carry the exception kind, message, line and CPython's report.
    let error = vm.run("x = 1\ny = x // 0\n").unwrap_err();
    println!("{error}");
    print!("{}", error.report());
    Ok(())
}
