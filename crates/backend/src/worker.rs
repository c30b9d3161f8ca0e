//! [`BackgroundBackend`]: the Cranelift backend on a compile thread of its own, so the
//! VM goes on interpreting a hot loop while its trace compiles, and installs the code
//! once it is ready (`JitParams::compile_in_background`).
//!
//! The thread owns a [`Backend`] (made there, so the backend itself never crosses
//! threads) and compiles one request at a time, in the order they came. A request
//! travels as owned data: a copy of the trace, and every address the code embeds
//! (exit slots, code identities, constants' bits, a side trace's root entries) as a
//! plain integer; the worker never reads through any of them, it only writes them
//! into machine code. Finished code comes back with its `JITModule`, which Cranelift
//! asserts is `Send`, so the VM frees code on its own thread exactly as with the
//! foreground backend. Code that finished for nobody (the VM went away while it
//! compiled) is freed when this compiler is dropped, after the thread is joined.

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;
use std::time::Duration;

use cranelift_jit::JITModule;
use tracelift_trace::abi::{
    CloseRangeGuard, CompileError, CompileRequest, CompiledCode, DumpRequest, ExitSlots,
    HelperTable, NativeLayout, RawSlot, SideTraceLink, TraceCompiler, Trampoline,
};
use tracelift_trace::{SnapEntry, Trace, Type};

use crate::Backend;

/// The ticket of a foreground compile (the caller waits for it); background
/// tickets are the VM's own and never this.
const FOREGROUND: u64 = u64::MAX;

/// Native stack of the compile thread: Cranelift's passes recurse a little, and a
/// spawned thread's default (2 MiB) is less than the main thread has.
const WORKER_STACK: usize = 16 << 20;

/// One compile request, owned (see the module header).
struct Job {
    ticket: u64,
    trace: Trace,
    number: u32,
    exit_slots: ExitSlots,
    side: Option<Link>,
    code_identities: Vec<usize>,
    const_values: Vec<RawSlot>,
    layout: Option<NativeLayout>,
    function: Option<tracelift_trace::abi::FunctionTree>,
    dump: DumpRequest,
    quick: bool,
    symbol: String,
}

/// A [`SideTraceLink`], owned.
struct Link {
    parent_entries: Vec<SnapEntry>,
    parent_types: Vec<Option<Type>>,
    root_entry: usize,
    root_loop: usize,
    root_params: Vec<(u32, Type)>,
    range_guard: Option<CloseRangeGuard>,
}

/// [`CompiledCode`] on its way back: addresses as integers, the module by type.
struct Sent {
    entry: usize,
    loop_entry: usize,
    code_bytes: usize,
    compile_time: Duration,
    dumps: Vec<String>,
    module: Box<JITModule>,
}

type Reply = (u64, Result<Sent, CompileError>);

/// A [`TraceCompiler`] whose compiles run on a thread of their own.
pub struct BackgroundBackend {
    trampoline: Trampoline,
    /// `None` once dropping: the worker ends when its queue is empty.
    jobs: Option<Sender<Job>>,
    replies: Receiver<Reply>,
    worker: Option<JoinHandle<()>>,
    /// Background tickets started and not yet handed back, in the order they were
    /// started (the worker answers in that order).
    started: VecDeque<u64>,
    /// Background replies that came while a foreground compile waited for its own.
    ready: VecDeque<Reply>,
}

impl BackgroundBackend {
    /// Starts the compile thread with a backend linking against `helpers` (writing
    /// the perf map too with `perf_map`), or says why there cannot be one.
    pub fn new(helpers: HelperTable, perf_map: bool) -> Result<BackgroundBackend, String> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let (answer, replies) = mpsc::channel::<Reply>();
        let (made, made_rx) = mpsc::channel::<Result<Trampoline, String>>();
        let worker = std::thread::Builder::new()
            .name("tracelift-compile".into())
            .stack_size(WORKER_STACK)
            .spawn(move || {
                let mut backend = match Backend::new(helpers) {
                    Ok(backend) => backend,
                    Err(error) => {
                        let _ = made.send(Err(error));
                        return;
                    }
                };
                if perf_map {
                    if let Err(error) = backend.enable_perf_map() {
                        let _ = made.send(Err(format!("can't create the perf map: {error}")));
                        return;
                    }
                }
                if made.send(Ok(backend.trampoline())).is_err() {
                    return;
                }
                for job in queue {
                    let reply = (job.ticket, compile_job(&mut backend, &job));
                    if let Err(mpsc::SendError((_, Ok(sent)))) = answer.send(reply) {
                        free_module(sent.module);
                    }
                }
            })
            .map_err(|error| format!("can't start the compile thread: {error}"))?;
        let trampoline = match made_rx.recv() {
            Ok(Ok(trampoline)) => trampoline,
            Ok(Err(error)) => {
                let _ = worker.join();
                return Err(error);
            }
            Err(_) => {
                let _ = worker.join();
                return Err("the compile thread failed to start".into());
            }
        };
        Ok(BackgroundBackend {
            trampoline,
            jobs: Some(jobs),
            replies,
            worker: Some(worker),
            started: VecDeque::new(),
            ready: VecDeque::new(),
        })
    }

    fn send(&self, ticket: u64, request: &CompileRequest<'_>) -> bool {
        let job = Job {
            ticket,
            trace: request.trace.clone(),
            number: request.number,
            exit_slots: request.exit_slots,
            side: request.side.map(|link| Link {
                parent_entries: link.parent_entries.to_vec(),
                parent_types: link.parent_types.to_vec(),
                root_entry: link.root_entry as usize,
                root_loop: link.root_loop as usize,
                root_params: link.root_params.to_vec(),
                range_guard: link.range_guard,
            }),
            code_identities: request
                .code_identities
                .iter()
                .map(|&identity| identity as usize)
                .collect(),
            const_values: request.const_values.to_vec(),
            layout: request.layout,
            function: request.function,
            dump: request.dump,
            quick: request.quick,
            symbol: request.symbol.clone(),
        };
        self.jobs
            .as_ref()
            .is_some_and(|jobs| jobs.send(job).is_ok())
    }

    /// Hands back a background reply, forgetting its ticket.
    fn deliver(&mut self, (ticket, result): Reply) -> (u64, Result<CompiledCode, CompileError>) {
        if let Some(at) = self.started.iter().position(|&started| started == ticket) {
            self.started.remove(at);
        }
        (ticket, result.map(received))
    }
}

fn worker_died() -> CompileError {
    CompileError {
        reason: "worker",
        detail: "the compile thread is gone".into(),
    }
}

impl TraceCompiler for BackgroundBackend {
    fn trampoline(&self) -> Trampoline {
        self.trampoline
    }

    /// Compiles on the worker and waits (after any background compiles queued
    /// before it, whose results are kept for `finished`).
    fn compile(&mut self, request: &CompileRequest<'_>) -> Result<CompiledCode, CompileError> {
        if !self.send(FOREGROUND, request) {
            return Err(worker_died());
        }
        loop {
            match self.replies.recv() {
                Ok((FOREGROUND, result)) => return result.map(received),
                Ok(other) => self.ready.push_back(other),
                Err(_) => return Err(worker_died()),
            }
        }
    }

    fn free(&mut self, code: CompiledCode) {
        crate::free_code(code);
    }

    fn start(&mut self, ticket: u64, request: &CompileRequest<'_>) -> bool {
        if ticket == FOREGROUND || !self.send(ticket, request) {
            return false;
        }
        self.started.push_back(ticket);
        true
    }

    fn finished(&mut self, wait: bool) -> Option<(u64, Result<CompiledCode, CompileError>)> {
        if let Some(reply) = self.ready.pop_front() {
            return Some(self.deliver(reply));
        }
        let oldest = *self.started.front()?;
        let reply = match wait {
            true => self.replies.recv().map_err(|_| TryRecvError::Disconnected),
            false => self.replies.try_recv(),
        };
        match reply {
            Ok(reply) => Some(self.deliver(reply)),
            Err(TryRecvError::Empty) => None,
            // The worker is gone (it panicked): every compile in progress failed.
            Err(TryRecvError::Disconnected) => {
                self.started.pop_front();
                Some((oldest, Err(worker_died())))
            }
        }
    }
}

impl Drop for BackgroundBackend {
    fn drop(&mut self) {
        // Closing the queue ends the worker once it has answered what it had.
        self.jobs = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
        // Compiled for nobody: never linked, so nothing can be running it.
        let unclaimed: Vec<Reply> = self
            .ready
            .drain(..)
            .chain(self.replies.try_iter())
            .collect();
        for (_, result) in unclaimed {
            if let Ok(sent) = result {
                free_module(sent.module);
            }
        }
    }
}

/// Compiles one job on the worker with the request it stands for.
fn compile_job(backend: &mut Backend, job: &Job) -> Result<Sent, CompileError> {
    let identities: Vec<_> = job
        .code_identities
        .iter()
        .map(|&address| address as *const u8)
        .collect();
    let side = job.side.as_ref().map(|link| SideTraceLink {
        parent_entries: &link.parent_entries,
        parent_types: &link.parent_types,
        root_entry: link.root_entry as *const u8,
        root_loop: link.root_loop as *const u8,
        root_params: &link.root_params,
        range_guard: link.range_guard,
    });
    let request = CompileRequest {
        trace: &job.trace,
        number: job.number,
        exit_slots: job.exit_slots,
        side,
        code_identities: &identities,
        const_values: &job.const_values,
        layout: job.layout,
        function: job.function,
        dump: job.dump,
        quick: job.quick,
        symbol: job.symbol.clone(),
    };
    let code = backend.compile(&request)?;
    let CompiledCode {
        entry,
        loop_entry,
        code_bytes,
        compile_time,
        dumps,
        memory,
    } = code;
    let module = memory.downcast::<JITModule>().map_err(|_| CompileError {
        reason: "codegen",
        detail: "the backend's code memory is not a JIT module".into(),
    })?;
    Ok(Sent {
        entry: entry as usize,
        loop_entry: loop_entry as usize,
        code_bytes,
        compile_time,
        dumps,
        module,
    })
}

/// The VM's side of a reply.
fn received(sent: Sent) -> CompiledCode {
    CompiledCode {
        entry: sent.entry as *const u8,
        loop_entry: sent.loop_entry as *const u8,
        code_bytes: sent.code_bytes,
        compile_time: sent.compile_time,
        dumps: sent.dumps,
        memory: sent.module,
    }
}

/// Frees a module whose code was never linked anywhere.
fn free_module(module: Box<JITModule>) {
    // SAFETY: the module's code was compiled for a request nobody collected, so its
    // entries were never handed out: nothing can run or reach it.
    unsafe { module.free_memory() };
}
