//! A generator of random programs inside tracelift's subset (`docs/language.md`), shaped
//! to stress a tracing JIT: hot loops of hundreds to thousands of iterations whose
//! variables change type (int → float → int), ints that overflow into big ints and come
//! back, branches that flip mid-loop, early exits (`break`, `return`), calls and
//! recursion inside loops, global functions rebound or redefined mid-loop, lists mutated
//! while a loop iterates over them, errors raised mid-loop (there is no `try` in the
//! subset, so they end the program), nested `for`/`while` loops and prints of
//! intermediate values.
//!
//! It reads every decision from an `arbitrary::Unstructured`, so one generator serves
//! cargo-fuzz inputs and fixed seeds (`crate::seed`). When the bytes run out every choice
//! is the first, simplest one and every optional construct is skipped, so any input,
//! even an empty one, gives a complete program.
//!
//! Invariants the generated programs keep (what makes them valid and bounded):
//! - Every name is bound before it is read: globals (`g0`, `g1`, ...) are initialised
//!   before any `def`, a function binds all its locals (`v0`, ...) on entry, and loop
//!   variables are read only inside their loop. Local and global names never collide.
//! - Every variable has a kind it keeps (`Kind`): an int, a number (int or float, the one
//!   whose type flips), a list of numbers or a string; expressions are generated per
//!   kind, so type errors are not generated (apart from the rare overflowing float).
//! - Work is planned against a step budget (`STEP_BUDGET`): a loop's trip count and a
//!   call inside loops are chosen so that their product stays inside it, lists and
//!   strings are capped in length, and every assignment, argument and `return` of a
//!   value that may have multiplied (`Generator::grows`) inside a loop or function is
//!   reduced modulo a constant, so no variable is squared again and again and big ints
//!   stay a few hundred bits (one step of CPython or tracelift on a number of 2**100
//!   bits would never end, whatever the fuel). The oracle's fuel limit is the backstop
//!   for what the estimate misses (a rebound function costing more).
//! - Errors come only from the deliberately risky forms (`risky_*` methods), each
//!   chosen rarely, so most programs run to their end.

mod expr;
mod func;
mod stmt;

use arbitrary::Unstructured;

/// The steps (loop iterations and calls) one program plans to take, roughly.
pub const STEP_BUDGET: u64 = 30_000;

/// The most items a generated list grows to (its appends and inserts are guarded).
const LIST_CAP: usize = 200;

/// The fewest items a list of a traceable program has (its lists never shrink, so plain
/// code can index them modulo this without a `len` call).
const MIN_TRACEABLE_LIST: usize = 4;

/// The deepest nesting of blocks (loops and `if`s) inside one scope.
const MAX_BLOCK_DEPTH: u32 = 4;

/// Generates one program from `u` (always a whole program; see the module header).
pub fn program(u: &mut Unstructured<'_>) -> String {
    let mut generator = Generator::new(u);
    generator.module();
    generator.out
}

/// Generates one program from raw bytes (a fuzzer's input).
pub fn program_from_bytes(data: &[u8]) -> String {
    program(&mut Unstructured::new(data))
}

/// What a variable holds, for as long as the program runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Always an int (small or big).
    Int,
    /// An int or a float: the variables whose type flips.
    Num,
    /// A list of numbers.
    List,
    /// A string.
    Str,
}

/// A name an expression may read.
#[derive(Clone, Debug)]
struct Var {
    name: String,
    kind: Kind,
    /// Whether statements may assign it (loop counters and loop items are read-only,
    /// which keeps every loop's trip count what was planned).
    writable: bool,
}

/// A generated function (its name stays bound to a function of the same signature
/// whatever rebinding happens, so every call stays well typed).
#[derive(Clone, Debug)]
struct Func {
    name: String,
    params: Vec<Kind>,
    /// The trailing parameters that have defaults, with their default's source text.
    defaults: Vec<String>,
    ret: Kind,
    /// Estimated steps per call.
    cost: u64,
    /// Set for a self-recursive function: its first parameter bounds the recursion, so
    /// callers pass a small, non-negative int there.
    recursion: Option<Recursion>,
}

/// The shape of a self-recursive function.
#[derive(Clone, Copy, Debug)]
struct Recursion {
    /// The largest first argument callers pass (the recursion depth).
    bound: u32,
    /// Two recursive calls per level (exponential work) rather than one.
    tree: bool,
}

/// Where the statement being generated is.
#[derive(Clone, Debug)]
struct Scope {
    /// Everything readable here: globals, or a function's parameters, locals and the
    /// globals it reads, plus the variables of the enclosing loops.
    vars: Vec<Var>,
    /// The function being generated (the index it will have in `Generator::funcs`).
    function: Option<usize>,
    /// What the function being generated returns.
    returns: Kind,
    /// Global names this function declared `global` (so it may assign them).
    declared: Vec<String>,
    /// The counters (int loop variables) of the enclosing loops, innermost last.
    counters: Vec<Counter>,
    /// Loops enclosing this point inside the current scope (`break` needs one).
    loops: u32,
    /// The lists that enclosing `for` loops of this scope iterate over directly.
    iterating: Vec<String>,
    /// Blocks enclosing this point inside the current scope.
    depth: u32,
    /// The estimated times this point runs per run of the scope (product of the trip
    /// counts of the enclosing loops).
    mult: u64,
}

/// A loop counter and the range of values it takes.
#[derive(Clone, Debug)]
struct Counter {
    name: String,
    trips: u64,
}

/// The generator's state: the choices, the text written so far and what is declared.
struct Generator<'a, 'b> {
    u: &'a mut Unstructured<'b>,
    out: String,
    indent: usize,
    globals: Vec<Var>,
    funcs: Vec<Func>,
    /// Steps the program (or the function being generated) may still plan.
    budget: u64,
    /// Set while generating an expression that may grow without bound (`*`, `<<`, `**`),
    /// so the assignment reduces it modulo a constant.
    grows: bool,
    /// Whether this program keeps its loops and functions inside what the recorder can
    /// trace (see `plain`), so its hot loops run as traces; otherwise it uses the whole
    /// subset everywhere, and its loops mostly exercise aborts.
    traceable: bool,
}

impl<'a, 'b> Generator<'a, 'b> {
    fn new(u: &'a mut Unstructured<'b>) -> Self {
        Generator {
            u,
            out: String::new(),
            indent: 0,
            globals: Vec::new(),
            funcs: Vec::new(),
            budget: STEP_BUDGET,
            grows: false,
            traceable: false,
        }
    }

    // ----- choices (each is the simplest possible once the bytes run out) -----

    /// A number in `0..count` (0 when the input is exhausted).
    fn below(&mut self, count: usize) -> usize {
        if count <= 1 {
            return 0;
        }
        self.u.int_in_range(0..=count - 1).unwrap_or(0)
    }

    /// True with roughly `percent`% probability (false when the input is exhausted).
    fn chance(&mut self, percent: usize) -> bool {
        percent > 0 && self.below(100) >= 100 - percent.min(100)
    }

    /// One of `items` (the first when the input is exhausted).
    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }

    /// An index into `weights`, each chosen in proportion to its weight (the first when
    /// the input is exhausted; zero weights are never chosen unless all are zero).
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        if total == 0 {
            return 0;
        }
        let mut roll = self.below(total as usize) as u32;
        for (index, &weight) in weights.iter().enumerate() {
            if roll < weight {
                return index;
            }
            roll -= weight;
        }
        0
    }

    // ----- output -----

    /// Writes one line at the current indentation.
    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    // ----- the module -----

    /// The whole program: globals, functions, the main statements, a final print.
    fn module(&mut self) {
        self.traceable = self.chance(60);
        self.declare_globals();
        let count = 1 + self.below(5);
        for _ in 0..count {
            self.function();
        }
        let scope = Scope {
            vars: self.globals.clone(),
            function: None,
            returns: Kind::Int,
            declared: Vec::new(),
            counters: Vec::new(),
            iterating: Vec::new(),
            loops: 0,
            depth: 0,
            mult: 1,
        };
        let statements = 2 + self.below(5);
        for _ in 0..statements {
            self.top_statement(&scope);
        }
        self.final_print();
    }

    /// `g0 = ...` for every global: at least one int, one number and one list.
    fn declare_globals(&mut self) {
        let mut kinds = vec![Kind::Int, Kind::Num, Kind::List];
        let extra = self.below(5);
        for _ in 0..extra {
            let kind = self.pick(&[Kind::Num, Kind::Int, Kind::List, Kind::Str]);
            kinds.push(kind);
        }
        for (index, kind) in kinds.into_iter().enumerate() {
            let name = format!("g{index}");
            let value = self.initial_value(kind);
            self.line(&format!("{name} = {value}"));
            self.globals.push(Var {
                name,
                kind,
                writable: true,
            });
        }
    }

    /// A constant starting value of a kind.
    fn initial_value(&mut self, kind: Kind) -> String {
        match kind {
            Kind::Int => self.int_constant(),
            Kind::Num => {
                if self.chance(50) {
                    self.float_constant()
                } else {
                    self.int_constant()
                }
            }
            Kind::List => {
                let shortest = if self.traceable {
                    MIN_TRACEABLE_LIST
                } else {
                    0
                };
                let length = shortest + self.below(6 - shortest.min(3));
                if length == 5 {
                    let count = self.pick(&[5, 10, 50, 100]);
                    return format!("list(range({count}))");
                }
                let items: Vec<String> = (0..length)
                    .map(|_| {
                        if self.chance(30) {
                            self.float_constant()
                        } else {
                            self.int_constant()
                        }
                    })
                    .collect();
                format!("[{}]", items.join(", "))
            }
            Kind::Str => self.str_constant(),
        }
    }

    /// Prints every global at the end, so the CPython comparison (stdout only) sees the
    /// final state too. Lists print their length and first items only.
    fn final_print(&mut self) {
        let parts: Vec<String> = self
            .globals
            .iter()
            .map(|var| match var.kind {
                Kind::List => format!("len({0}), {0}[:8]", var.name),
                _ => var.name.clone(),
            })
            .collect();
        self.line(&format!("print({})", parts.join(", ")));
    }

    // ----- helpers for scopes -----

    /// The variables of `kind` readable in `scope`.
    fn readable(scope: &Scope, kind: Kind) -> Vec<String> {
        scope
            .vars
            .iter()
            .filter(|var| var.kind == kind)
            .map(|var| var.name.clone())
            .collect()
    }

    /// The variables of `kind` that statements may assign in `scope`: at module level
    /// the writable globals, in a function its parameters and locals and the globals it
    /// declared.
    fn assignable(scope: &Scope, kind: Kind) -> Vec<String> {
        scope
            .vars
            .iter()
            .filter(|var| var.kind == kind && var.writable)
            .filter(|var| {
                scope.function.is_none()
                    || !var.name.starts_with('g')
                    || scope.declared.contains(&var.name)
            })
            .map(|var| var.name.clone())
            .collect()
    }

    /// A name for a new loop variable in `scope` (module loops bind globals `i0`, `x0`,
    /// function loops bind locals `j0`, `y0`), distinct per nesting level.
    fn loop_name(scope: &Scope, prefix_module: char, prefix_function: char) -> String {
        let prefix = if scope.function.is_some() {
            prefix_function
        } else {
            prefix_module
        };
        format!("{prefix}{}", scope.depth)
    }

    /// Whether a call to function `index` may be emitted in `scope` within the budget.
    /// A function calls only the functions defined before it (and itself only through
    /// its recursion template).
    fn callable(&self, scope: &Scope, index: usize) -> bool {
        let visible = match scope.function {
            Some(current) => index < current,
            None => true,
        };
        visible && self.funcs[index].cost.saturating_mul(scope.mult) <= self.budget
    }

    /// Spends `steps` of the budget (saturating: the estimate is only a guide).
    fn spend(&mut self, steps: u64) {
        self.budget = self.budget.saturating_sub(steps);
    }
}
