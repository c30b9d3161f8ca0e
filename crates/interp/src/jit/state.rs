//! [`JitState`]: everything the tracing tier keeps per runtime.

use std::rc::Rc;

use super::{abi, stats, InstalledTrace, JitMode, JitParams, JitStats, LoopTable};

/// Which dumps of the optimizer's work the VM keeps (`--dump opt`, `--dump opt-passes`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OptDump {
    /// None.
    #[default]
    Off,
    /// Each trace after optimisation.
    Result,
    /// Each trace after every pass that ran, and the result.
    EachPass,
}

/// Per-runtime JIT state.
#[derive(Debug, Default)]
pub struct JitState {
    pub mode: JitMode,
    pub params: JitParams,
    pub stats: JitStats,
    /// Whether to keep a text dump of each recording in `dumps`.
    pub dump_traces: bool,
    /// Which dumps of the optimizer's work to keep in `dumps`.
    pub dump_opt: OptDump,
    /// One entry per recording, in order: the trace's text, or the line where and
    /// why it aborted.
    pub dumps: Vec<String>,
    /// Every trace installed, in order (for per-exit statistics); a trace's index here
    /// is its number.
    pub installed: Vec<Rc<InstalledTrace>>,
    /// The state of every loop the interpreter has counted, by code object and header.
    pub loops: LoopTable,
    /// The loop last arrived at with nothing to do, whose next arrivals pass without
    /// a look at `loops` (`quiet.rs`).
    pub quiet: super::QuietLoop,
    /// The code generator for mode `on`, installed by the embedder.
    pub compiler: abi::CompilerSlot,
    /// The compiler's entry trampoline (cached when the compiler is installed).
    pub trampoline: Option<abi::Trampoline>,
    /// Which dumps each compile produces (into `dumps`).
    pub dump_code: abi::DumpRequest,
    /// Where exit blocks write snapshot values; as long as the largest snapshot of
    /// any compiled trace.
    pub exit_buffer: Vec<abi::RawSlot>,
    /// Objects a running compiled trace made or let go of (see `deferred.rs`).
    pub deferred: super::Deferred,
    /// Boxes of the ranges and iterators traces let go of, for the next they make.
    pub spare_boxes: crate::value::SpareBoxes,
    /// An error a call from a trace raised (after its effects, so the interpreter
    /// must not perform the call again): the trace exits through the call's
    /// snapshot and the VM raises this there.
    pub pending_error: Option<crate::exception::PyErr>,
    /// A panic a host function raised inside compiled code, caught there (it cannot
    /// unwind through machine code) and resumed once the trace has exited.
    pub pending_panic: Option<Box<dyn std::any::Any + Send>>,
    /// A clock for "least recently entered": bumped at every trace entry.
    pub entry_clock: u64,
    /// Traces suspended in a `call_py` while its nested run goes on: while any is,
    /// no trace tree is freed (a native frame may be inside it).
    pub suspended: u32,
    /// Python frames of direct calls in progress (`vm/direct_call.rs`) above the
    /// frames of the interpreter whose traces made them: they count toward the
    /// recursion limit.
    pub direct_depth: usize,
    /// Whether a recording is in progress: runs nested in it (its `call_py`s) enter
    /// traces but record none.
    pub recording_active: bool,
    /// The stub code object that makes a call of each argument count (`call_py`'s
    /// nested runs start there), made once each.
    pub call_stubs: Vec<Option<Rc<crate::bytecode::Code>>>,
    /// The steps (calls and loop iterations) the last nested run took: a recording
    /// leaves a call too cheap to pay for a nested run to the interpreter.
    pub last_nested_steps: u64,
    /// `NativeContext::stack_floor` for this VM's thread, worked out at the first
    /// entry into compiled code (zero until then; a VM never changes threads).
    pub stack_floor: u64,
    /// Method names compiled code has called by, decoded from their symbol's words
    /// (`jit::calls::call_method_named`), at most 64.
    pub method_names: Vec<([u64; 3], crate::value::MethodName, std::rc::Rc<str>)>,
    /// Value stacks of finished nested runs, reused by the next.
    pub spare_stacks: Vec<Vec<crate::value::Value>>,
    /// Bumped whenever a trace is installed or a tree freed: what was remembered
    /// about traces in an older epoch (`callees`) no longer holds.
    pub epoch: u64,
    /// The entry traces of the functions traces last called directly.
    pub(crate) callees: super::callees::Callees,
    /// Where the frames of direct calls in progress live.
    pub(crate) direct_stack: super::callees::DirectStack,
    /// Traces being compiled on the compiler's thread (`background.rs`).
    pub(crate) pending: Vec<super::background::Pending>,
    /// Loop header arrivals until the next look for finished compiles (0: none
    /// pending).
    pub(crate) collect_in: u32,
}

impl Drop for JitState {
    /// Code memory is not freed by dropping its module: give it back explicitly.
    fn drop(&mut self) {
        self.free_all();
    }
}

impl JitState {
    /// The stub that calls a callee with `argc` arguments (see `call_stubs`).
    pub(crate) fn call_stub(&mut self, argc: usize) -> Rc<crate::bytecode::Code> {
        if self.call_stubs.len() <= argc {
            self.call_stubs.resize(argc + 1, None);
        }
        self.call_stubs[argc]
            .get_or_insert_with(|| Rc::new(crate::bytecode::Code::call_stub(argc as u32)))
            .clone()
    }

    /// Keeps an emptied value stack of a finished nested run or direct call for the
    /// next, unless enough are kept or it is large.
    pub(crate) fn keep_spare_stack(&mut self, stack: Vec<crate::value::Value>) {
        const SPARE_STACKS: usize = 256;
        const LARGEST_SPARE: usize = 1024;
        if self.spare_stacks.len() < SPARE_STACKS && stack.capacity() <= LARGEST_SPARE {
            debug_assert!(stack.is_empty());
            self.spare_stacks.push(stack);
        }
    }

    /// Whether a hot loop, function or exit may be recorded now.
    pub(crate) fn may_record(&self) -> bool {
        !self.recording_active
    }

    /// Forgets every loop's failed recordings, blacklisted loops included: each is
    /// recorded again when it is next hot.
    pub fn reset_blacklist(&mut self) {
        self.quiet.forget(&mut self.loops);
        for state in self.loops.states_mut() {
            state.reset_failures();
        }
    }

    /// The traces of the tree rooted at `root` (the root first).
    fn tree(&self, root: u32) -> impl Iterator<Item = &Rc<InstalledTrace>> {
        self.installed
            .iter()
            .filter(move |installed| installed.root == root)
    }

    /// Trace instructions held by the tree rooted at `root`.
    pub(crate) fn tree_insts(&self, root: u32) -> usize {
        self.tree(root)
            .map(|installed| installed.trace.insts().count())
            .sum()
    }

    /// Why the tree rooted at `root` takes no more side traces, if it is full.
    pub(crate) fn tree_is_full(&self, root: u32) -> Option<super::Abort> {
        let sides = self
            .tree(root)
            .filter(|installed| installed.parent.is_some())
            .count();
        if sides >= self.params.max_side_traces as usize {
            return Some(super::Abort::TooManySideTraces);
        }
        if self.tree_insts(root) >= self.params.max_tree_insts as usize {
            return Some(super::Abort::TreeTooLarge);
        }
        None
    }

    /// Frees the objects kept for running compiled code, counting the peak.
    pub(crate) fn free_kept_objects(&mut self) {
        let count = self.deferred.free_all(&mut self.spare_boxes) as u64;
        self.stats.kept_objects_peak = self.stats.kept_objects_peak.max(count);
    }

    /// The counters as a JSON object, including the exits taken per trace.
    pub fn stats_json(&self, memory_peak: usize) -> String {
        let traces: Vec<String> = self
            .installed
            .iter()
            .map(|installed| {
                let exits: Vec<String> = installed
                    .exits
                    .iter()
                    .enumerate()
                    .filter(|(_, count)| count.get() > 0)
                    .map(|(snapshot, count)| format!("\"snap{snapshot}\": {}", count.get()))
                    .collect();
                format!(
                    "{{\"trace\": \"{}\", \"exits\": {{{}}}}}",
                    stats::json_escape(&installed.location()),
                    exits.join(", ")
                )
            })
            .collect();
        let mut members = self.stats.json_fields();
        members.push(format!("\"exits_per_trace\": [{}]", traces.join(", ")));
        members.push(format!("\"memory_peak_bytes\": {memory_peak}"));
        stats::json_object(&members)
    }
}
