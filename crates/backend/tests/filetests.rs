//! Backend filetests: trace text in, Cranelift IR out, with no interpreter involved.
//!
//! Each `tests/clif/NAME.trace` holds one root trace in the text form of
//! `tracelift_trace::print`, optionally followed by a side trace of it after a line
//! `;; side trace`. Lines starting with `;;` before the first trace are comments,
//! except `;; layout: inline`, which compiles with a fixed object layout so list and
//! range-iterator ops are lowered inline (the default passes no layout, and the
//! backend calls helpers). The root is compiled, then the side trace against it, and
//! the CLIF of every function must equal `NAME.clif`, with addresses written `ADDR`.
//! `UPDATE_EXPECT=1 cargo test -p tracelift-backend --test filetests` rewrites them.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;

use tracelift_backend::Backend;
use tracelift_trace::abi::{
    tag, CompileRequest, CompiledCode, DumpRequest, ExitSlots, FunctionTree, HelperTable,
    NativeLayout, RawSlot, SideTraceLink, TraceCompiler,
};
use tracelift_trace::parse::parse;
use tracelift_trace::print::mask_addresses;
use tracelift_trace::verify::verify;
use tracelift_trace::Trace;

/// A made-up object layout: the offsets only have to be stable, since the code is
/// compiled and never run.
const FIXED_LAYOUT: NativeLayout = NativeLayout {
    list_borrow: 16,
    list_items: 32,
    list_len: 40,
    iter_kind: 16,
    range_kind: 2,
    range_next: 24,
    range_remaining: 32,
    range_step: 40,
    strong_count: 0,
    function_code: 16,
    code_identity: 16,
};

/// Stand-in identities of the code objects a trace names (what `guard_code`
/// compares with); small numbers, so they print as themselves.
const CODE_IDENTITIES: [*const u8; 4] = [
    0x1000 as *const u8,
    0x2000 as *const u8,
    0x3000 as *const u8,
    0x4000 as *const u8,
];

/// Stand-in bits for the object constants a trace names: string tags with small
/// made-up payloads.
const CONST_VALUES: [RawSlot; 2] = [
    RawSlot([tag::STR as u64, 0x5000]),
    RawSlot([tag::STR as u64, 0x6000]),
];

fn clif_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/clif")
}

/// The parts of one filetest.
struct Case {
    layout: Option<NativeLayout>,
    root: Trace,
    side: Option<Trace>,
    /// `;; function tree: params P, slots S[, returns R]` on the root's and the
    /// side trace's text: the trace is in a function's entry tree (`FunctionTree`,
    /// its function `code0`).
    root_function: Option<FunctionTree>,
    side_function: Option<FunctionTree>,
}

/// Where the stand-in tree's inlining depth is (always zero).
static NO_INLINING: usize = 0;

/// The `;; function tree:` line of a trace's text, if it has one.
fn function_tree(text: &str) -> Option<FunctionTree> {
    let line = text
        .lines()
        .find_map(|line| line.strip_prefix(";; function tree: "))?;
    let field = |name: &str| -> Option<u32> {
        line.split(", ")
            .find_map(|part| part.strip_prefix(name))
            .map(|number| number.trim().parse().expect("a number"))
    };
    Some(FunctionTree {
        code: Some(0),
        params: field("params ").expect("params"),
        frame_slots: field("slots ").expect("slots"),
        root_entry: 0,
        inline_depth_at: &NO_INLINING as *const usize as usize,
        returns: field("returns "),
    })
}

fn read_case(path: &Path) -> Case {
    let text = std::fs::read_to_string(path).expect("read the trace file");
    let (root_text, side_text) = match text.split_once("\n;; side trace\n") {
        Some((root, side)) => (root, Some(side)),
        None => (text.as_str(), None),
    };
    let layout = root_text
        .lines()
        .any(|line| line.trim() == ";; layout: inline")
        .then_some(FIXED_LAYOUT);
    let without_comments = |text: &str| -> String {
        text.lines()
            .filter(|line| !line.starts_with(";;"))
            .map(|line| format!("{line}\n"))
            .collect()
    };
    let parse_named = |text: &str| {
        let trace = parse(&without_comments(text))
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        verify(&trace).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        trace
    };
    Case {
        layout,
        root: parse_named(root_text),
        side: side_text.map(parse_named),
        root_function: function_tree(root_text),
        side_function: side_text.and_then(function_tree),
    }
}

/// Compiles one trace and returns its code; panics with the backend's reason if it
/// refuses (a filetest is a trace the backend must accept).
fn compile(
    backend: &mut Backend,
    trace: &Trace,
    number: u32,
    layout: Option<NativeLayout>,
    (side, function): (Option<SideTraceLink<'_>>, Option<FunctionTree>),
    path: &Path,
) -> (CompiledCode, Vec<AtomicUsize>) {
    let exit_slots: Vec<AtomicUsize> = trace
        .snapshots
        .iter()
        .map(|_| AtomicUsize::new(0))
        .collect();
    let request = CompileRequest {
        trace,
        number,
        exit_slots: ExitSlots::of(&exit_slots),
        side,
        code_identities: &CODE_IDENTITIES[..trace.codes.len().min(CODE_IDENTITIES.len())],
        const_values: &CONST_VALUES[..trace.consts.len().min(CONST_VALUES.len())],
        layout,
        function,
        dump: DumpRequest {
            ir: true,
            asm: false,
        },
        quick: false,
        symbol: format!("trace{number}"),
    };
    match backend.compile(&request) {
        Ok(code) => (code, exit_slots),
        Err(error) => panic!(
            "{}: the backend refused trace{number}: {}: {}",
            path.display(),
            error.reason,
            error.detail
        ),
    }
}

/// The CLIF of every function of one case, as `NAME.clif` holds it.
fn lower_case(path: &Path) -> String {
    let case = read_case(path);
    let mut backend =
        Backend::new(HelperTable::new(|_| std::ptr::null())).expect("a host code generator");
    let root_part = (None, case.root_function);
    let (root, _root_slots) = compile(&mut backend, &case.root, 0, case.layout, root_part, path);
    let mut dumps = root.dumps.clone();
    let mut codes = vec![root];
    if let Some(side) = &case.side {
        let parent = side.side.expect("a side trace names its parent");
        let exit = case
            .root
            .snapshots
            .get(parent.parent_snapshot as usize)
            .expect("the side trace's parent exit is a snapshot of the root");
        let root_params = case.root.param_slots().unwrap_or_default();
        let parent_types = case.root.entry_types(exit);
        let link = SideTraceLink {
            parent_entries: &exit.entries,
            parent_types: &parent_types,
            root_entry: codes[0].entry,
            root_loop: codes[0].loop_entry,
            root_params: &root_params,
            range_guard: {
                let checked = case.root.range_guard_slot().and_then(|slot| {
                    let exit = tracelift_trace::SnapshotId(parent.parent_snapshot);
                    case.root.checked_iter_entry_of_root(exit, slot)
                });
                side.close_range_guard(&case.root, checked)
            },
        };
        let function = case.side_function.map(|tree| FunctionTree {
            root_entry: codes[0].entry as usize,
            ..tree
        });
        let (code, _slots) = compile(
            &mut backend,
            side,
            1,
            case.layout,
            (Some(link), function),
            path,
        );
        dumps.extend(code.dumps.iter().cloned());
        codes.push(code);
    }
    for code in codes {
        backend.free(code);
    }
    mask_addresses(&dumps.concat())
}

#[test]
fn lowered_traces_match_their_clif() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(clif_dir())
        .expect("tests/clif exists")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "trace"))
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no backend filetests found");
    let bless = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut mismatches = Vec::new();
    for case in &cases {
        let actual = lower_case(case);
        let expected_path = case.with_extension("clif");
        if bless {
            std::fs::write(&expected_path, &actual).expect("write the expectation");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            mismatches.push(format!(
                "{}:\n--- expected ---\n{expected}--- actual ---\n{actual}",
                case.display()
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}
