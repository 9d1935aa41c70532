//! The await graph, as CPython 3.14 sees it: which frames each task stands in, down
//! through what it awaits (`asyncio.capture_call_graph`, `format_call_graph`,
//! `print_call_graph`), and which tasks await which (the tree `python -m asyncio pstree`
//! prints, drawn by the frames view).
//!
//! A task's chain is its coroutine's frames of the program's own code, then the frames
//! of CPython's asyncio it would stand in there: where the machine waits in a part of
//! asyncio written in Rust (`sleep`, `Lock.acquire`, `TaskGroup.__aexit__`) or written
//! in Python differently from CPython's (`Queue.get`), the frames are CPython 3.14's,
//! named as its library names them, with its lines (`LIBRARY`).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::asyncio::{Native, PyTask};
use super::bytecode::{Code, CodeKind};
use super::interp::Interp;
use super::objects::PyFuture;
use super::value::{Str, Value};
use super::vm::{Fiber, Frame, GenState, Start};
use crate::runtime::TaskId;

/// Where a browser's CPython 3.14 keeps its library, as the call graph names its files.
pub const LIBRARY: &str = "/lib/python3.14/";

/// One frame of the graph.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphFrame {
    /// `main.py`, or a file of CPython's library under [`LIBRARY`].
    pub file: String,
    pub line: u32,
    pub qualname: Str,
    pub name: Str,
    /// How `format_call_graph` names its kind: `async`, `async generator`, `generator`,
    /// or nothing for a plain function's frame.
    pub tag: &'static str,
}

impl GraphFrame {
    /// As `python -m asyncio pstree` shows it: `main main.py:13`.
    pub fn pstree(&self) -> String {
        format!("{} {}:{}", self.qualname, self.file, self.line)
    }
}

/// A frame of CPython 3.14's library: its file under [`LIBRARY`], the line where it
/// waits, its qualified name, and the line of its `def` (where a coroutine not started
/// stands).
type Lib = (&'static str, u32, &'static str, u32);

/// The frames CPython 3.14 stands in, outermost first, where the machine waits in one of
/// asyncio's coroutines written in Rust (by the name of its coroutine, see
/// [`Native::library`]), or runs a function of the library's written in Python (by its
/// qualified name). CPython's line is the `await` it waits at.
const STANDS_IN: &[(&str, &[Lib])] = &[
    ("sleep", &[("asyncio/tasks.py", 702, "sleep", 687)]),
    ("sleep(0)", &[("asyncio/tasks.py", 690, "sleep", 687)]),
    ("wait_for", &[("asyncio/tasks.py", 488, "wait_for", 440)]),
    ("wait", &[("asyncio/tasks.py", 432, "wait", 405), ("asyncio/tasks.py", 521, "_wait", 490)]),
    ("to_thread", &[("asyncio/threads.py", 25, "to_thread", 12)]),
    ("Event.wait", &[("asyncio/locks.py", 213, "Event.wait", 200)]),
    ("Lock.acquire", &[("asyncio/locks.py", 110, "Lock.acquire", 90)]),
    ("Semaphore.acquire", &[("asyncio/locks.py", 407, "Semaphore.acquire", 386)]),
    ("Condition.wait", &[("asyncio/locks.py", 272, "Condition.wait", 248)]),
    (
        "Condition.wait_for",
        &[("asyncio/locks.py", 313, "Condition.wait_for", 303), ("asyncio/locks.py", 272, "Condition.wait", 248)],
    ),
    (
        "Lock.__aenter__",
        &[
            ("asyncio/locks.py", 14, "_ContextManagerMixin.__aenter__", 13),
            ("asyncio/locks.py", 110, "Lock.acquire", 90),
        ],
    ),
    (
        "Semaphore.__aenter__",
        &[
            ("asyncio/locks.py", 14, "_ContextManagerMixin.__aenter__", 13),
            ("asyncio/locks.py", 407, "Semaphore.acquire", 386),
        ],
    ),
    (
        "TaskGroup.__aexit__",
        &[
            ("asyncio/taskgroups.py", 72, "TaskGroup.__aexit__", 69),
            ("asyncio/taskgroups.py", 121, "TaskGroup._aexit", 83),
        ],
    ),
    ("Queue.get", &[("asyncio/queues.py", 186, "Queue.get", 172)]),
    ("Queue.put", &[("asyncio/queues.py", 139, "Queue.put", 125)]),
    ("Queue.join", &[("asyncio/queues.py", 248, "Queue.join", 239), ("asyncio/locks.py", 213, "Event.wait", 200)]),
    (
        "_AsyncGeneratorContextManager.__aenter__",
        &[("contextlib.py", 214, "_AsyncGeneratorContextManager.__aenter__", 209)],
    ),
    (
        "_AsyncGeneratorContextManager.__aexit__",
        &[("contextlib.py", 221, "_AsyncGeneratorContextManager.__aexit__", 218)],
    ),
];

/// The functions of `asyncio.graph` itself, plain functions whose frames the current
/// task's graph may show (`print_call_graph`'s own, as CPython 3.14's shows it).
const GRAPH_FUNCTIONS: &[Lib] = &[
    ("asyncio/graph.py", 154, "capture_call_graph", 0),
    ("asyncio/graph.py", 254, "format_call_graph", 0),
    ("asyncio/graph.py", 276, "print_call_graph", 0),
];

fn library(key: &str) -> Option<&'static [Lib]> {
    STANDS_IN.iter().find(|(k, _)| *k == key).map(|(_, frames)| *frames)
}

fn library_frame(&(file, line, qualname, _): &Lib, tag: &'static str) -> GraphFrame {
    let name = qualname.rsplit('.').next().unwrap_or(qualname);
    GraphFrame { file: format!("{LIBRARY}{file}"), line, qualname: Str::from(qualname), name: Str::from(name), tag }
}

/// A coroutine of asyncio's not started yet: its own frame, at its `def`.
fn not_started(frames: &[Lib]) -> Vec<GraphFrame> {
    frames
        .first()
        .map(|&(file, _, qualname, def)| library_frame(&(file, def, qualname, def), "async"))
        .into_iter()
        .collect()
}

/// Whether it is a list, set or dict comprehension's code, which runs in its function's
/// own frame in CPython 3.12 and later.
fn inlined(code: &Code) -> bool {
    matches!(&*code.name, "<listcomp>" | "<setcomp>" | "<dictcomp>")
}

fn tag_of(code: &Code) -> &'static str {
    match code.kind {
        CodeKind::Coroutine => "async",
        CodeKind::AsyncGenerator => "async generator",
        CodeKind::Generator => "generator",
        CodeKind::Function | CodeKind::Module => "",
    }
}

fn program_frame(code: &Code, line: u32) -> GraphFrame {
    GraphFrame {
        file: "main.py".to_owned(),
        line,
        qualname: code.qualname.clone(),
        name: code.name.clone(),
        tag: tag_of(code),
    }
}

/// A suspended task's chain, outermost first, as CPython's `_build_graph_for_future`
/// follows it from the task's coroutine through each `cr_await`: coroutines only (an
/// async generator or a generator driven by it ends the chain), then the frames of
/// CPython's asyncio it waits in. A task not started stands at its `async def`.
pub fn suspended(fiber: &Fiber) -> Vec<GraphFrame> {
    suspended_in(fiber, None)
}

/// [`suspended`], for `task`'s fiber: in a `wait_for`, the chain goes on into the task it
/// made of its coroutine ([`PyTask::wait_for`]), as CPython 3.14's awaits the coroutine.
fn suspended_in(fiber: &Fiber, task: Option<&PyTask>) -> Vec<GraphFrame> {
    if let Some(Start::Gen(gen, ..)) = &fiber.start {
        if let GenState::Created(saved) | GenState::Scheduled(saved) | GenState::Suspended(saved) = &*gen.state.borrow()
        {
            let code = &saved.frame.code;
            if code.is_program() {
                return if code.kind == CodeKind::Coroutine {
                    vec![program_frame(code, saved.frame.line())]
                } else {
                    Vec::new()
                };
            }
            return code.module.and(library(&code.qualname)).map(not_started).unwrap_or_default();
        }
    }
    let mut chain = Vec::new();
    for frame in &fiber.frames {
        if inlined(&frame.code) {
            continue;
        }
        if !frame.code.is_program() {
            if let Some(frames) = frame.code.module.and(library(&frame.code.qualname)) {
                chain.extend(frames.iter().map(|f| library_frame(f, "async")));
                return chain;
            }
            // (A part of the library CPython has no frame for: its frames are left out.)
            continue;
        }
        if frame.code.kind != CodeKind::Coroutine {
            return chain;
        }
        chain.push(program_frame(&frame.code, frame.line()));
    }
    let native = fiber.leaf.as_ref().and_then(|leaf| leaf.native.as_ref());
    let key = native.and_then(|n| n.library());
    chain.extend(key.and_then(library).unwrap_or_default().iter().map(|f| library_frame(f, "async")));
    if key == Some("wait_for") {
        let inner = task.and_then(|t| t.wait_for.borrow().clone()).filter(|inner| !inner.task.done());
        if let Some(Some(frames)) = inner.map(|inner| task_chain(&inner, None)) {
            chain.extend(frames);
        }
    }
    chain
}

/// A task's chain, outermost first, as `capture_call_graph` of it finds it: through its
/// fiber if it is suspended, `running` if it is the task running now; `None` once it is
/// done (CPython's finished coroutine has no frame: its entry's frame is `None`).
fn task_chain(task: &PyTask, running: Option<&Fiber>) -> Option<Vec<GraphFrame>> {
    if task.task.done() {
        return None;
    }
    Some(match task.fiber.as_ref().and_then(std::rc::Weak::upgrade) {
        Some(fiber) => match fiber.try_borrow() {
            Ok(fiber) => suspended_in(&fiber, Some(task)),
            Err(_) => running.map(|fiber| suspended_in(fiber, Some(task))).unwrap_or_default(),
        },
        // (A task of one of asyncio's own coroutines: `create_task(asyncio.sleep(1))`.)
        None => match &*task.coro.borrow() {
            Some(Value::Native(n)) => {
                let frames = n.library().and_then(library).unwrap_or_default();
                if task.task.started() {
                    frames.iter().map(|f| library_frame(f, "async")).collect()
                } else {
                    not_started(frames)
                }
            }
            _ => Vec::new(),
        },
    })
}

/// The running task's frames, innermost first, as CPython's `capture_call_graph` walks
/// them from `sys._getframe(depth)` through `f_back`: every frame, plain functions'
/// too, down to the coroutine the task runs (the first coroutine's frame called by a
/// plain function's ends it).
pub fn running(fiber: &Fiber, depth: usize) -> Vec<GraphFrame> {
    let shown = |frame: &Frame| -> Option<GraphFrame> {
        let code = &frame.code;
        if inlined(code) {
            return None;
        }
        if code.is_program() {
            return Some(program_frame(code, frame.line()));
        }
        let graph = GRAPH_FUNCTIONS.iter().find(|(_, _, name, _)| *name == &*code.qualname);
        graph.filter(|_| code.module.is_some()).map(|f| library_frame(f, ""))
    };
    let frames: Vec<GraphFrame> = fiber.frames.iter().rev().skip(depth).filter_map(shown).collect();
    let mut stack = Vec::new();
    for (i, frame) in frames.iter().enumerate() {
        stack.push(frame.clone());
        let below = frames.get(i + 1);
        if !frame.tag.is_empty() && below.is_some_and(|b| b.tag.is_empty()) {
            break;
        }
    }
    stack
}

impl Native {
    /// The name [`STANDS_IN`] knows the coroutine by, if CPython 3.14's is one of asyncio's.
    pub fn library(&self) -> Option<&'static str> {
        if let Some(key) = self.stands_in.get() {
            return Some(key);
        }
        let qualname = self.unawaited.as_ref()?.qualname;
        Some(if qualname == "sleep" && self.bare_yield { "sleep(0)" } else { qualname })
    }
}

/// One task for [`pstree`]: its number, its name, its chain (innermost first, as
/// `pstree` writes frames) and the tasks that await it.
pub struct TreeTask {
    pub id: u32,
    pub name: String,
    pub stack: Vec<String>,
    pub awaited_by: Vec<u32>,
}

/// The tree `python -m asyncio pstree` prints for these tasks (in their order of
/// creation): each task that nothing awaits at the root, under a task the frames it
/// stands in, outermost first, and under its innermost frame the tasks it awaits. Frames
/// the same under the same parent are one node. With a cycle, CPython's error instead.
pub fn pstree(tasks: &[TreeTask]) -> Vec<String> {
    let index: HashMap<u32, usize> = tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    // (Parent, child), by their indexes, in the order met.
    let awaits: Vec<(usize, usize)> = tasks
        .iter()
        .enumerate()
        .flat_map(|(child, t)| t.awaited_by.iter().filter_map(|p| index.get(p)).map(move |&parent| (parent, child)))
        .collect();
    let cycles = find_cycles(tasks.len(), &awaits);
    if !cycles.is_empty() {
        let mut out = vec!["ERROR: await-graph contains cycles - cannot print a tree!".to_owned(), String::new()];
        for cycle in cycles {
            let names: Vec<&str> = cycle.iter().map(|&i| tasks[i].name.as_str()).collect();
            out.push(format!("cycle: {}", names.join(" → ")));
        }
        return out;
    }
    // Nodes: the tasks by their indexes, then frames.
    struct Node<'a> {
        label: &'a str,
        task: bool,
        children: Vec<usize>,
    }
    let mut nodes: Vec<Node> =
        tasks.iter().map(|t| Node { label: &t.name, task: true, children: Vec::new() }).collect();
    let mut frame_nodes: HashMap<(usize, &str), usize> = HashMap::new();
    let mut linked: HashSet<(usize, usize)> = HashSet::new();
    fn frame_under<'a>(
        nodes: &mut Vec<Node<'a>>,
        frame_nodes: &mut HashMap<(usize, &'a str), usize>,
        parent: usize,
        frame: &'a str,
    ) -> usize {
        if let Some(&node) = frame_nodes.get(&(parent, frame)) {
            return node;
        }
        let node = nodes.len();
        nodes.push(Node { label: frame, task: false, children: Vec::new() });
        nodes[parent].children.push(node);
        frame_nodes.insert((parent, frame), node);
        node
    }
    let mut is_child = vec![false; tasks.len()];
    let mut is_parent = vec![false; tasks.len()];
    for &(parent, child) in &awaits {
        is_parent[parent] = true;
        is_child[child] = true;
        let mut at = parent;
        for frame in tasks[parent].stack.iter().rev() {
            at = frame_under(&mut nodes, &mut frame_nodes, at, frame);
        }
        if linked.insert((at, child)) {
            nodes[at].children.push(child);
        }
    }
    for (i, task) in tasks.iter().enumerate().filter(|&(i, _)| !is_parent[i]) {
        let mut at = i;
        for frame in task.stack.iter().rev() {
            at = frame_under(&mut nodes, &mut frame_nodes, at, frame);
        }
    }
    // Drawn depth first, without recursion (a chain of tasks may be long).
    let mut out = Vec::new();
    for root in (0..tasks.len()).filter(|&i| !is_child[i]).collect::<Vec<_>>() {
        let mut stack = vec![(root, String::new(), true)];
        while let Some((node, prefix, last)) = stack.pop() {
            let flag = if nodes[node].task { "(T)" } else { "" };
            out.push(format!("{prefix}{}{flag} {}", if last { "└── " } else { "├── " }, nodes[node].label));
            let inner = format!("{prefix}{}", if last { "    " } else { "│   " });
            let children = &nodes[node].children;
            for (i, &child) in children.iter().enumerate().rev() {
                stack.push((child, inner.clone(), i + 1 == children.len()));
            }
        }
    }
    out
}

/// The cycles of tasks awaiting each other, as `pstree` finds them: depth first from each
/// parent in the order met, each cycle its tasks from where it closes back to there.
fn find_cycles(count: usize, awaits: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut parents = Vec::new();
    for &(parent, child) in awaits {
        if children[parent].is_empty() {
            parents.push(parent);
        }
        if !children[parent].contains(&child) {
            children[parent].push(child);
        }
    }
    // 0: not seen, 1: on the path, 2: done.
    let mut color = vec![0u8; count];
    let mut cycles = Vec::new();
    for start in parents {
        if color[start] != 0 {
            continue;
        }
        let mut path = vec![start];
        let mut next = vec![0usize];
        color[start] = 1;
        while let Some(&v) = path.last() {
            let k = next.last_mut().expect("one per node on the path");
            if let Some(&w) = children[v].get(*k) {
                *k += 1;
                match color[w] {
                    0 => {
                        color[w] = 1;
                        path.push(w);
                        next.push(0);
                    }
                    1 => {
                        let at = path.iter().position(|&p| p == w).expect("on the path");
                        let mut cycle = path[at..].to_vec();
                        cycle.push(w);
                        cycles.push(cycle);
                    }
                    _ => {}
                }
            } else {
                color[v] = 2;
                path.pop();
                next.pop();
            }
        }
    }
    cycles
}

/// The tasks whose step waits on something, by the address of what they wait on (see
/// `Leaf::awaited`).
type Waiting = HashMap<usize, Vec<Rc<PyTask>>>;

/// A task's, future's or gather's address, which tells it from any other.
fn address(value: &Value) -> Option<usize> {
    match value {
        Value::Task(t) => Some(Rc::as_ptr(t) as usize),
        Value::Future(f) => Some(Rc::as_ptr(f) as usize),
        Value::Native(n) => Some(Rc::as_ptr(n) as usize),
        _ => None,
    }
}

/// What awaits a task or future besides a task's `await` of it: a task, or a future of
/// the program's (`future_add_to_awaited_by(fut, waiter)`).
#[derive(Clone)]
pub enum Waiter {
    Task(TaskId),
    Future(Rc<PyFuture>),
}

/// One of a task's or future's waiters, as CPython 3.14 notes it.
#[derive(Clone)]
pub struct Edge {
    pub waiter: Waiter,
    /// Noted by asyncio itself (a TaskGroup's task, a gather's or a `wait`'s, a
    /// shielded one), which forgets it once what is awaited is done; the program's own
    /// are kept until it discards them.
    pub auto: bool,
}

impl Interp {
    /// The task or future of the loop's behind `value` (an object of a class derived
    /// from `asyncio.Task` or `asyncio.Future` stands on one).
    fn awaitable_of(self: &Rc<Self>, value: &Value) -> Option<Value> {
        match value {
            Value::Task(_) | Value::Future(_) => Some(value.clone()),
            Value::Native(n) if n.gathered.is_some() => Some(value.clone()),
            Value::Instance(i) if i.class.stands_on("_FutureSubclass") => {
                self.load_attr(value, "_future").ok().and_then(|inner| self.awaitable_of(&inner))
            }
            _ => None,
        }
    }

    fn edges<R>(value: &Value, f: impl FnOnce(&RefCell<Vec<Edge>>) -> R) -> Option<R> {
        match value {
            Value::Task(t) => Some(f(&t.awaited_by)),
            Value::Future(fu) => Some(f(&fu.awaited_by)),
            _ => None,
        }
    }

    /// `future_add_to_awaited_by(fut, waiter)`, and asyncio's own notes of it: nothing
    /// unless both are tasks or futures.
    pub fn add_awaited_by(self: &Rc<Self>, target: &Value, waiter: &Value, auto: bool) {
        let (Some(target), Some(waiter)) = (self.awaitable_of(target), self.awaitable_of(waiter)) else { return };
        let waiter = match waiter {
            Value::Task(t) => Waiter::Task(t.id()),
            Value::Future(f) => Waiter::Future(f),
            _ => return,
        };
        Self::edges(&target, |edges| edges.borrow_mut().push(Edge { waiter, auto }));
    }

    /// asyncio's own note that the running task awaits `target` (`gather`, `shield`,
    /// `wait`, a TaskGroup's task): forgotten once `target` is done.
    pub fn awaited_by_running(self: &Rc<Self>, target: &Value) {
        if let Some(task) = self.rt().and_then(|rt| rt.current_task()) {
            Self::awaited_by_task(target, task);
        }
    }

    /// asyncio's own note that `task` awaits `target`: forgotten once `target` is done.
    pub fn awaited_by_task(target: &Value, task: TaskId) {
        Self::edges(target, |edges| edges.borrow_mut().push(Edge { waiter: Waiter::Task(task), auto: true }));
    }

    /// `future_discard_from_awaited_by(fut, waiter)`.
    pub fn discard_awaited_by(self: &Rc<Self>, target: &Value, waiter: &Value) {
        let (Some(target), Some(waiter)) = (self.awaitable_of(target), self.awaitable_of(waiter)) else { return };
        let is = |edge: &Edge| match (&edge.waiter, &waiter) {
            (Waiter::Task(id), Value::Task(t)) => *id == t.id(),
            (Waiter::Future(f), Value::Future(g)) => Rc::ptr_eq(f, g),
            _ => false,
        };
        Self::edges(&target, |edges| {
            let mut edges = edges.borrow_mut();
            if let Some(at) = edges.iter().position(is) {
                edges.remove(at);
            }
        });
    }

    /// What awaits `target` now, as CPython 3.14's `_asyncio_awaited_by` holds it: the
    /// tasks whose step waits on it, then those asyncio or the program noted (tasks in
    /// their order of creation).
    pub fn awaited_by(self: &Rc<Self>, target: &Value) -> Vec<Value> {
        self.awaited_by_in(target, &self.waiting())
    }

    /// The tasks not done whose step waits on something, by its address.
    fn waiting(&self) -> Waiting {
        let mut waiting: Waiting = HashMap::new();
        for task in self.tasks.borrow().values().filter(|t| !t.task.done()) {
            let Some(fiber) = task.fiber.as_ref().and_then(std::rc::Weak::upgrade) else { continue };
            let Ok(fiber) = fiber.try_borrow() else { continue };
            if let Some(at) = fiber.leaf.as_ref().and_then(|leaf| leaf.awaited.as_ref()).and_then(address) {
                waiting.entry(at).or_default().push(task.clone());
            }
        }
        waiting
    }

    fn awaited_by_in(self: &Rc<Self>, target: &Value, waiting: &Waiting) -> Vec<Value> {
        let Some(target) = self.awaitable_of(target) else { return Vec::new() };
        let done = match &target {
            Value::Task(t) => t.task.done(),
            Value::Future(f) => f.done(),
            _ => false,
        };
        let mut waiters: Vec<Value> = Vec::new();
        let mut seen = HashSet::new();
        let mut add = |waiter: Value| {
            if address(&waiter).is_some_and(|at| seen.insert(at)) {
                waiters.push(waiter);
            }
        };
        for task in address(&target).and_then(|at| waiting.get(&at)).into_iter().flatten() {
            add(Value::Task(task.clone()));
        }
        let edges = Self::edges(&target, |edges| edges.borrow().clone()).unwrap_or_default();
        for edge in edges.into_iter().filter(|e| !(e.auto && done)) {
            match edge.waiter {
                Waiter::Task(id) => {
                    let task = self.tasks.borrow().get(&id).cloned();
                    if let Some(task) = task {
                        add(Value::Task(task));
                    }
                }
                Waiter::Future(f) => add(Value::Future(f)),
            }
        }
        waiters
    }

    /// `asyncio._call_graph_of(future, with_stack)`, the machine's part of
    /// `capture_call_graph(future)`: the task's chain, outermost first (a `None` frame
    /// once it is done; nothing for a future, or without the stack), and what awaits it.
    /// `running` is the fiber that asks, the running task's if it asks about itself.
    pub fn call_graph_of(self: &Rc<Self>, future: &Value, with_stack: bool, running: &Fiber) -> Value {
        let chain = match self.awaitable_of(future) {
            Some(Value::Task(task)) if with_stack => match task_chain(&task, Some(running)) {
                Some(frames) => frames_value(&frames),
                None => Value::list(vec![Value::None]),
            },
            _ => Value::list(Vec::new()),
        };
        Value::tuple(vec![chain, Value::list(self.awaited_by(future))])
    }

    /// `wait_for` waits for `fut`: a task it made of the coroutine it was given (`made`),
    /// which CPython 3.14 awaits as a coroutine in the waiting task's chain, or a task or
    /// future the program gave, which CPython 3.14 notes the waiting task awaits.
    pub fn waits_for(self: &Rc<Self>, fut: &super::objects::Fut, made: bool) {
        let Some(id) = self.rt().and_then(|rt| rt.current_task()) else { return };
        match (fut.value(), made) {
            (Value::Task(inner), true) => {
                if let Some(task) = self.tasks.borrow().get(&id) {
                    *task.wait_for.borrow_mut() = Some(inner);
                }
            }
            (value, _) => Self::awaited_by_task(&value, id),
        }
    }
}

impl Interp {
    /// The await graph now, as `python -m asyncio pstree` draws it: the tasks not done
    /// (but asyncio.run's own, closing async generators, and the tasks `wait_for` made
    /// of coroutines, which CPython 3.14 awaits in the waiting task's chain). Past
    /// [`MOST_TREE_TASKS`], how many tasks there are instead.
    pub fn await_tree(self: &Rc<Self>) -> Result<Vec<String>, usize> {
        let tasks: Vec<Rc<PyTask>> =
            self.tasks.borrow().values().filter(|t| !t.task.done() && !t.closing.get()).cloned().collect();
        if tasks.len() > MOST_TREE_TASKS {
            return Err(tasks.len());
        }
        // A task `wait_for` made, by its address: the task waiting in that `wait_for`.
        let made_by: HashMap<usize, Rc<PyTask>> = tasks
            .iter()
            .filter_map(|t| t.wait_for.borrow().as_ref().map(|inner| (Rc::as_ptr(inner) as usize, t.clone())))
            .collect();
        let waiting = self.waiting();
        let tree_tasks: Vec<TreeTask> = tasks
            .iter()
            .filter(|t| !made_by.contains_key(&(Rc::as_ptr(t) as usize)))
            .map(|task| {
                let stack = task_chain(task, None).unwrap_or_default();
                let awaited_by = self
                    .awaited_by_in(&Value::Task(task.clone()), &waiting)
                    .into_iter()
                    .filter_map(|w| match w {
                        Value::Task(t) => Some(made_by.get(&(Rc::as_ptr(&t) as usize)).cloned().unwrap_or(t).id()),
                        _ => None,
                    })
                    .collect();
                TreeTask {
                    id: task.id(),
                    name: task.name.borrow().to_string(),
                    stack: stack.iter().rev().map(GraphFrame::pstree).collect(),
                    awaited_by,
                }
            })
            .collect();
        Ok(pstree(&tree_tasks))
    }
}

/// The most tasks the frames view draws the await graph of.
pub const MOST_TREE_TASKS: usize = 500;

/// Frames as `asyncio`'s Python part takes them: `(file, line, qualname, name, tag)` each.
pub fn frames_value(frames: &[GraphFrame]) -> Value {
    let tuple = |f: &GraphFrame| {
        Value::tuple(vec![
            Value::str(&f.file),
            Value::Int(i64::from(f.line)),
            Value::Str(f.qualname.clone()),
            Value::Str(f.name.clone()),
            Value::str(f.tag),
        ])
    };
    Value::list(frames.iter().map(tuple).collect())
}
