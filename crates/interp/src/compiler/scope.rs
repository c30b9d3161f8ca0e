//! Which names of a function body are locals: its parameters and every name it assigns
//! (as a target of `=`, `op=` or `for`), minus those declared `global`. Everything else
//! it names is global. At module level every name is global.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use tracelift_syntax::ast::{Expr, ExprKind, Param, Stmt, StmtKind};
use tracelift_syntax::SyntaxError;

/// The name resolution of one code object.
#[derive(Debug, Default)]
pub struct Scope {
    /// `None` at module level.
    locals: Option<HashMap<Rc<str>, u32>>,
    /// Slot names in slot order.
    pub local_names: Vec<Rc<str>>,
}

impl Scope {
    pub fn module() -> Scope {
        Scope::default()
    }

    /// Analyses a function body.
    pub fn function(params: &[Param], body: &[Stmt]) -> Result<Scope, SyntaxError> {
        let mut declared_global = BTreeSet::new();
        collect_globals(body, &mut declared_global);
        let mut scope = Scope {
            locals: Some(HashMap::new()),
            local_names: Vec::new(),
        };
        for param in params {
            if declared_global.contains(param.name.as_str()) {
                return Err(SyntaxError::new(
                    format!("name '{}' is parameter and global", param.name),
                    param.span.line,
                    param.span.col,
                ));
            }
            if scope.slot(&param.name).is_some() {
                return Err(SyntaxError::new(
                    format!("duplicate argument '{}' in function definition", param.name),
                    param.span.line,
                    param.span.col,
                ));
            }
            scope.add_local(&param.name);
        }
        let mut assigned = Vec::new();
        collect_assigned(body, &mut assigned);
        for name in assigned {
            if !declared_global.contains(name) && scope.slot(name).is_none() {
                scope.add_local(name);
            }
        }
        Ok(scope)
    }

    pub fn is_function(&self) -> bool {
        self.locals.is_some()
    }

    /// The slot of a local, or `None` for a global.
    pub fn slot(&self, name: &str) -> Option<u32> {
        self.locals.as_ref()?.get(name).copied()
    }

    fn add_local(&mut self, name: &str) {
        let name: Rc<str> = name.into();
        let slot = self.local_names.len() as u32;
        if let Some(locals) = self.locals.as_mut() {
            locals.insert(name.clone(), slot);
        }
        self.local_names.push(name);
    }
}

/// Names declared `global` anywhere in the body (nested blocks included).
fn collect_globals<'a>(body: &'a [Stmt], out: &mut BTreeSet<&'a str>) {
    for stmt in body {
        match &stmt.kind {
            StmtKind::Global(names) => out.extend(names.iter().map(String::as_str)),
            StmtKind::If { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::For { body, orelse, .. } => {
                collect_globals(body, out);
                collect_globals(orelse, out);
            }
            _ => {}
        }
    }
}

/// Names assigned anywhere in the body, in first-assignment order.
fn collect_assigned<'a>(body: &'a [Stmt], out: &mut Vec<&'a str>) {
    for stmt in body {
        match &stmt.kind {
            StmtKind::Assign { targets, .. } => {
                for target in targets {
                    collect_target(target, out);
                }
            }
            StmtKind::AugAssign { target, .. } => collect_target(target, out),
            StmtKind::For {
                target,
                body,
                orelse,
                ..
            } => {
                collect_target(target, out);
                collect_assigned(body, out);
                collect_assigned(orelse, out);
            }
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                collect_assigned(body, out);
                collect_assigned(orelse, out);
            }
            StmtKind::FunctionDef { name, .. } => out.push(name),
            _ => {}
        }
    }
}

fn collect_target<'a>(target: &'a Expr, out: &mut Vec<&'a str>) {
    match &target.kind {
        ExprKind::Name(name) => out.push(name),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            for item in items {
                collect_target(item, out);
            }
        }
        _ => {}
    }
}
