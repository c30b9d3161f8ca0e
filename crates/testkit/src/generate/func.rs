//! Function definitions: ordinary functions (which may loop, mutate globals they declare
//! and call the functions defined before them) and self-recursive ones.
//!
//! Invariants: a function's locals are all bound on entry, before any statement that
//! reads them; a recursive function's first parameter is an int that every call site
//! reduces modulo `bound + 1`, and each recursive call passes a smaller value, so the
//! recursion depth stays at most `bound` unless a rebinding redirects a call on
//! purpose; a function's estimated `cost` is what its body planned plus one step for the
//! call itself.

use super::{Func, Generator, Kind, Recursion, Scope, Var};

/// Steps a function that may loop plans for one call.
const LOOPY_FUNCTION_BUDGET: u64 = 600;
/// Steps a function without big loops plans for one call.
const SMALL_FUNCTION_BUDGET: u64 = 30;

impl Generator<'_, '_> {
    /// Defines the next function `fN`.
    pub(super) fn function(&mut self) {
        let index = self.funcs.len();
        let name = format!("f{index}");
        // Copying an earlier function's signature gives rebinding a partner.
        let copied = if index > 0 && self.chance(45) {
            let source = self.below(index);
            let source = &self.funcs[source];
            (source.recursion.is_none())
                .then(|| (source.params.clone(), source.defaults.clone(), source.ret))
        } else {
            None
        };
        let (params, defaults, ret) = match copied {
            Some(signature) => signature,
            None => self.signature(),
        };
        let func = Func {
            name,
            params,
            defaults,
            ret,
            cost: 1,
            recursion: None,
        };
        if func.params[0] == Kind::Int && func.defaults.len() < func.params.len() && {
            // Recursion only for a fresh signature, so every rebinding partner agrees.
            copied_none(&self.funcs, &func) && self.chance(35)
        } {
            self.recursive_function(func);
        } else {
            self.ordinary_function(func);
        }
    }

    /// A fresh signature: 1 to 3 parameters, maybe a default on the last, a return kind.
    fn signature(&mut self) -> (Vec<Kind>, Vec<String>, Kind) {
        let count = 1 + self.below(3);
        let params: Vec<Kind> = (0..count)
            .map(|_| self.pick(&[Kind::Num, Kind::Int, Kind::Num, Kind::List]))
            .collect();
        let mut defaults = Vec::new();
        if self.chance(30) {
            let last = params[count - 1];
            let default = match last {
                Kind::List if !self.traceable => "[]".to_string(),
                kind => self.initial_value(kind),
            };
            defaults.push(default);
        }
        let ret = self.pick(&[Kind::Num, Kind::Int]);
        (params, defaults, ret)
    }

    /// The `def` line of `func` (parameters `p0`, `p1`, ... with their defaults).
    pub(super) fn def_line(func: &Func) -> String {
        let first_default = func.params.len() - func.defaults.len();
        let params: Vec<String> = (0..func.params.len())
            .map(|position| match position.checked_sub(first_default) {
                Some(default) => format!("p{position}={}", func.defaults[default]),
                None => format!("p{position}"),
            })
            .collect();
        format!("def {}({}):", func.name, params.join(", "))
    }

    /// The scope at the start of a function's body: the globals (assignable only when
    /// declared) and the parameters.
    fn function_scope(&self, func: &Func) -> Scope {
        let mut vars = self.globals.clone();
        for (position, &kind) in func.params.iter().enumerate() {
            vars.push(Var {
                name: format!("p{position}"),
                kind,
                writable: true,
            });
        }
        Scope {
            vars,
            function: Some(self.funcs.len()),
            returns: func.ret,
            declared: Vec::new(),
            counters: Vec::new(),
            iterating: Vec::new(),
            loops: 0,
            depth: 0,
            mult: 1,
        }
    }

    /// A function that may loop, print, mutate lists, assign the globals it declares and
    /// return early.
    fn ordinary_function(&mut self, mut func: Func) {
        let mut scope = self.function_scope(&func);
        self.line(&Self::def_line(&func));
        self.indent += 1;
        let outer_budget = self.budget;
        let planned = if self.chance(50) {
            LOOPY_FUNCTION_BUDGET
        } else {
            SMALL_FUNCTION_BUDGET
        };
        self.budget = planned;

        let mut declared = Vec::new();
        if self.chance(35) {
            let candidates: Vec<String> = self
                .globals
                .iter()
                .filter(|var| var.kind != Kind::List)
                .map(|var| var.name.clone())
                .collect();
            declared.push(self.pick(&candidates));
        }
        // Declaring an earlier function's name global lets this one rebind it.
        if !self.funcs.is_empty() && self.chance(15) {
            let target = self.below(self.funcs.len());
            declared.push(self.funcs[target].name.clone());
        }
        declared.sort();
        declared.dedup();
        if !declared.is_empty() {
            self.line(&format!("global {}", declared.join(", ")));
        }
        scope.declared = declared;

        let locals = 1 + self.below(3);
        for position in 0..locals {
            let kind = self.pick(&[Kind::Num, Kind::Int, Kind::Num, Kind::List, Kind::Str]);
            // Reduced if it may grow: `v = g * g; return v` would square a global each
            // time a loop runs `g = f()`.
            let value = match kind {
                Kind::Int | Kind::Num => self.bounded(&scope, kind),
                _ => self.expr(&scope, kind, 1),
            };
            let name = format!("v{position}");
            self.line(&format!("{name} = {value}"));
            scope.vars.push(Var {
                name,
                kind,
                writable: true,
            });
        }
        let statements = 1 + self.below(4);
        for _ in 0..statements {
            self.statement(&scope);
        }
        // Reduced if it may grow: a caller may feed the result back in every iteration.
        let value = self.bounded(&scope, func.ret);
        self.line(&format!("return {value}"));
        self.indent -= 1;
        self.line("");

        func.cost = planned - self.budget + 1;
        self.budget = outer_budget;
        self.funcs.push(func);
    }

    /// A self-recursive function: a base case on its first parameter, then one (a chain)
    /// or two (a tree) recursive calls on smaller values.
    fn recursive_function(&mut self, mut func: Func) {
        let tree = self.chance(35);
        let bound: u32 = if tree {
            self.pick(&[4, 7, 10])
        } else {
            self.pick(&[5, 12, 20, 40])
        };
        func.recursion = Some(Recursion { bound, tree });
        func.cost = if tree {
            2u64 << (bound * 7 / 10)
        } else {
            1 + u64::from(bound)
        };
        let mut scope = self.function_scope(&func);
        let name = func.name.clone();
        self.line(&Self::def_line(&func));
        self.indent += 1;
        self.line("if p0 <= 0:");
        self.indent += 1;
        let base = self.bounded(&scope, func.ret);
        self.line(&format!("return {base}"));
        self.indent -= 1;

        let kind = self.pick(&[Kind::Num, Kind::Int]);
        let value = self.bounded(&scope, kind);
        self.line(&format!("v0 = {value}"));
        scope.vars.push(Var {
            name: "v0".to_string(),
            kind,
            writable: true,
        });
        let lists = Self::readable(&scope, Kind::List);
        if !lists.is_empty() && self.chance(30) {
            let list = self.pick(&lists);
            self.line(&format!("if len({list}) < 100:"));
            self.line(&format!("    {list}.append(v0)"));
        }

        let calls = if tree { 2 } else { 1 };
        let mut parts = Vec::new();
        for call in 0..calls {
            let mut args = vec![format!("p0 - {}", call + 1)];
            for &kind in &func.params[1..] {
                // Reduced if it may grow: it is passed down once per level.
                let arg = match kind {
                    Kind::Int | Kind::Num => self.bounded(&scope, kind),
                    _ => self.expr(&scope, kind, 1),
                };
                args.push(arg);
            }
            parts.push(format!("{name}({})", args.join(", ")));
        }
        if !tree {
            parts.push(self.bounded(&scope, func.ret));
        }
        let op = self.pick(&["+", "-"]);
        self.line(&format!("return ({})", parts.join(&format!(" {op} "))));
        self.indent -= 1;
        self.line("");
        self.funcs.push(func);
    }
}

/// Whether no earlier function has the same parameters and return kind (so a
/// recursive function never shares a signature with a rebinding partner).
fn copied_none(funcs: &[Func], func: &Func) -> bool {
    !funcs
        .iter()
        .any(|other| other.params == func.params && other.ret == func.ret)
}
