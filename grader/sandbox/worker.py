"""The candidate worker: imports the candidate's module and runs calls on the judge's behalf.

This file runs in the untrusted process, inside the sandbox, and depends on nothing of the project
but ``wire.py``, which is copied beside it. It reads request frames on stdin and writes reply frames
on a duplicate of stdout; the candidate's own stdout and stderr go to the judge's capture pipe.

Requests from the judge are plain ``(op, arguments)`` data: ``setup`` (policy and module to load),
``load``, ``getattr``, ``setattr``, ``delattr``, ``vars``, ``call``, ``callmethod``, ``deepcopy``, ``copy``,
``hold``, ``worker_call``, ``release``.
Replies: ``{"ok": value}``, ``{"raised": {...}}`` or ``{"fault": {...}}``, with ``violations``
(forbidden operations seen since the last reply).

Objects that the grader hands to candidate code (scikit-learn estimators, spies, splitters) never
live here: they stay in the judge, and candidate code receives a ``StandIn`` whose public attribute
reads and calls travel back to the judge as ``callback`` requests while the candidate's call is in
progress. The judge may itself call into this worker while it serves a callback (a trusted pipeline
around a candidate scaler), so both sides serve requests while they wait for a reply.

Nothing in this process is trusted. The audit hook and the import guard below *report* what candidate
code tried (a forbidden import zeroes the exercise); they cannot enforce anything, since candidate code
can rewrite them. Enforcement is outside: under bubblewrap the files of forbidden packages are simply
not mounted, the network does not exist, and time is read by the judge from the operating system.
"""

from __future__ import annotations

import builtins
import copy
import importlib
import importlib.util
import json
import os
import sys
import time
import traceback
import types
import weakref
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
if len(sys.argv) > 1:  # the folder of allowed third-party packages; the interpreter runs without site
    sys.path.insert(1, sys.argv[1])

import numpy as np
import wire  # type: ignore[import-not-found]

# Calls the suites may make inside the worker: NumPy only, to observe the candidate's own process
# (warnings as errors, ``numpy.testing.assert_no_warnings``). Everything else is built in the judge.
WORKER_CALL_PREFIXES = ("numpy.",)
# How long one batch of read-ahead items may take: a slow iterator is then timed item by item.
READ_AHEAD_SECONDS = 0.05
_BLOCKED_EVENTS = (
    "socket.",
    "subprocess.Popen",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "os.forkpty",
    "pty.spawn",
    "os.kill",
    "os.killpg",
    "signal.pthread_kill",
    "webbrowser.open",
)
_WRITE_EVENTS = (
    "os.remove",
    "os.rename",
    "os.rmdir",
    "os.mkdir",
    "os.chmod",
    "os.chown",
    "os.symlink",
    "os.link",
    "os.truncate",
    "os.utime",
    "shutil.rmtree",
)
_READ_EVENTS = ("os.listdir", "os.scandir", "glob.glob")
_RUNTIME_FILES = (os.path.abspath(__file__), os.path.join(os.path.dirname(os.path.abspath(__file__)), "wire.py"))


class Policy:
    """What candidate code may touch, and the record of what it tried (a reporter, not a fence)."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.read_roots = tuple(_real(p) for p in config.get("read_roots", []))
        self.write_roots = tuple(_real(p) for p in config.get("write_roots", []))
        self.library_roots = tuple(_real(p) for p in config.get("library_roots", []))
        self.package_roots = tuple(str(p).rstrip("/") + "/" for p in config.get("package_roots", []))
        self.allowed_imports = set(config.get("allowed_imports", [])) | set(sys.stdlib_module_names)
        self.violations: list[str] = []
        self._busy = False

    def note(self, text: str) -> None:
        if text not in self.violations and len(self.violations) < 50:
            self.violations.append(text)

    def import_allowed(self, name: str) -> bool:
        top = name.partition(".")[0]
        # ``_sysconfigdata_*`` ships with the standard library but is missing from stdlib_module_names.
        return top in self.allowed_imports or top == "__main__" or top.startswith("_sysconfigdata_")

    def refuse_forbidden_import(self, name: str) -> None:
        """Record and refuse an import of a module the exercise does not allow.

        No trusted code in this process imports anything outside the allowed set, so any such
        import, through whichever door, is the candidate's: record it whoever the caller seems to be
        (a file name can be forged with ``compile``, a helper such as ``pkgutil`` can do the import).
        Only the worker's runtime and the allowed packages' own files are exempt.
        """
        if self.import_allowed(name) or _called_by_trusted_code(self.package_roots):
            return
        self.note(f"import of {name.partition('.')[0]!r}")
        raise ImportError(f"importing {name!r} is not allowed in this exercise")

    def audit(self, event: str, args: tuple[Any, ...]) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            self._check(event, args)
        finally:
            self._busy = False

    def _check(self, event: str, args: tuple[Any, ...]) -> None:
        if event == "import":
            self.refuse_forbidden_import(str(args[0]))
        elif event.startswith(_BLOCKED_EVENTS):
            self.note(f"blocked {event}")
            raise PermissionError(f"{event} is not allowed inside the grading sandbox")
        elif event == "open":
            self._check_open(args)
        elif event.startswith(_WRITE_EVENTS):
            self._check_path(args[0] if args else None, write=True, event=event)
        elif event.startswith(_READ_EVENTS):
            self._check_path(args[0] if args else None, write=False, event=event)
        elif event == "ctypes.dlopen":
            library = args[0] if args else None
            if not (isinstance(library, str) and _real(library).startswith(self.library_roots)):
                self.note("blocked ctypes.dlopen")
                raise PermissionError("loading native libraries is not allowed in the sandbox")

    def _check_open(self, args: tuple[Any, ...]) -> None:
        path, mode, flags = [*list(args), None, None, 0][:3]
        if isinstance(path, int) or path is None:
            return
        writing = bool(isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
        if isinstance(mode, str) and any(c in mode for c in "wax+"):
            writing = True
        self._check_path(path, write=writing, event="open")

    def _check_path(self, path: Any, *, write: bool, event: str) -> None:
        if path is None or isinstance(path, int):
            return
        try:
            real = _real(os.fsdecode(path))
        except (TypeError, ValueError):
            return
        roots = self.write_roots if write else self.read_roots + self.write_roots
        if not real.startswith(roots):
            # pandas reads the system's time-zone files when the worker first imports it to decode a
            # judge's DataFrame: refused like any read, but not the candidate's doing, so not noted.
            if write or not _decoding_judge_data():
                self.note(f"blocked {'writing' if write else 'reading'} {real}")
            raise PermissionError(f"{event} of {real!r} is outside the sandbox")


def _real(path: str) -> str:
    return os.path.realpath(path)


_POLICY_FUNCTIONS = frozenset(
    {"guarded", "find_spec", "refuse_forbidden_import", "_check", "audit", "_called_by_trusted_code"}
)


def _called_by_trusted_code(package_roots: tuple[str, ...]) -> bool:
    """Whether an import comes from this worker's runtime (decoding a DataFrame argument) or from
    inside an allowed package (NumPy's or pandas' own optional imports), not from candidate code."""
    frame: types.FrameType | None = sys._getframe(1)
    while frame is not None and (
        (frame.f_code.co_filename == _RUNTIME_FILES[0] and frame.f_code.co_name in _POLICY_FUNCTIONS)
        or frame.f_code.co_filename.startswith("<frozen")
        or "/importlib/" in frame.f_code.co_filename
    ):
        frame = frame.f_back
    if frame is None:
        return False
    if frame.f_code.co_filename.startswith(package_roots):
        return True
    return _decoding_judge_data(frame)


def _decoding_judge_data(frame: types.FrameType | None = None) -> bool:
    """Whether ``wire.py`` (decoding the judge's arguments, which may import pandas) is on the stack."""
    frame = frame if frame is not None else sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == _RUNTIME_FILES[1]:
            return True
        frame = frame.f_back
    return False


class StandIn:
    """What candidate code holds for an object that lives in the judge.

    Only public names are reachable; reads and calls are ``callback`` requests answered by the judge
    while the candidate's call is in progress. ``copy.deepcopy`` asks the judge for a fresh copy, and
    ``type(obj)(**obj.get_params())`` (scikit-learn's way of cloning) builds a new one there.
    """

    __slots__ = ("__weakref__", "_methods", "_sid", "_type_name")
    _tid = -1  # the judge's id for the object's class, set on each per-class subclass

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        # Candidate code calling the class: the judge constructs a new object of its own class.
        return WORKER.callback("call", cls._tid, args=[list(args), kwargs])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        return None  # stand-ins are made by ``made``; a call to the class was answered by the judge

    @classmethod
    def made(cls, sid: int, type_name: str, methods: frozenset[str]) -> StandIn:
        stand_in = object.__new__(cls)
        object.__setattr__(stand_in, "_sid", sid)
        object.__setattr__(stand_in, "_type_name", type_name)
        object.__setattr__(stand_in, "_methods", methods)
        return stand_in

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(f"{name!r}: only public attributes of objects from the grader are reachable")
        if name in self._methods:
            return StandInMethod(self, name)
        return WORKER.callback("getattr", self._sid, name=name)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(
            f"objects handed to you by the grader are read-only (setting {name!r}); "
            "use their methods, such as set_params"
        )

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        return WORKER.callback("deepcopy", self._sid)

    def __copy__(self) -> Any:
        return WORKER.callback("copy", self._sid)

    def __repr__(self) -> str:
        return f"<{self._type_name} (from the grader)>"

    def __reduce_ex__(self, protocol: Any) -> Any:
        raise TypeError("objects handed to you by the grader cannot be pickled; use copy.deepcopy")


class _CallableStandIn(StandIn):
    __slots__ = ()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return WORKER.callback("call", self._sid, args=[list(args), kwargs])


class _IterableStandIn(StandIn):
    __slots__ = ()

    def __iter__(self) -> Any:
        return WORKER.callback("iter", self._sid)


class _IteratorStandIn(_IterableStandIn):
    __slots__ = ()

    def __next__(self) -> Any:
        return WORKER.callback("next", self._sid)


class _SizedStandIn(StandIn):
    __slots__ = ()

    def __len__(self) -> int:
        length = WORKER.callback("len", self._sid)
        return int(length)

    def __getitem__(self, key: Any) -> Any:
        return WORKER.callback("getitem", self._sid, args=[[key], {}])


_STAND_IN_CLASSES: dict[tuple[int, frozenset[str]], type[StandIn]] = {}
_CAPABILITY_BASES = {"call": _CallableStandIn, "iter": _IterableStandIn, "next": _IteratorStandIn, "len": _SizedStandIn}


def stand_in_class(tid: int, type_name: str, capabilities: frozenset[str]) -> type[StandIn]:
    """The ``StandIn`` class for one judge-side class: its name, its protocol methods, its id."""
    key = (tid, capabilities)
    if key not in _STAND_IN_CLASSES:
        bases = tuple(_CAPABILITY_BASES[c] for c in sorted(capabilities) if c in _CAPABILITY_BASES)
        if "next" in capabilities:
            bases = tuple(b for b in bases if b is not _IterableStandIn)
        name = type_name if type_name.isidentifier() else "StandIn"
        _STAND_IN_CLASSES[key] = type(name, bases or (StandIn,), {"__slots__": (), "_tid": tid})
    return _STAND_IN_CLASSES[key]


class StandInMethod:
    """A bound public method of a judge-side object."""

    __slots__ = ("_name", "_owner")

    def __init__(self, owner: StandIn, name: str) -> None:
        self._owner = owner
        self._name = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return WORKER.callback("callmethod", self._owner._sid, name=self._name, args=[list(args), kwargs])

    def __repr__(self) -> str:
        return f"<method {self._name} of {self._owner!r}>"


class JudgeRaised(Exception):
    """Raised in candidate code when a call to an object from the grader failed in the judge."""


class Worker:
    """Holds the candidate module and the objects handed to the judge, and serves requests."""

    def __init__(self) -> None:
        self.objects: dict[int, Any] = {}
        self.ids: dict[int, int] = {}
        self.described: dict[int, dict[str, Any]] = {}
        self.next_id = 1
        self.policy: Policy | None = None
        self.module_name = ""
        self.source = ""
        self.kind = "py"
        self.candidate_files: set[str] = set()
        self.fd_in = -1
        self.fd_out = -1
        self.stand_ins: weakref.WeakValueDictionary[int, StandIn] = weakref.WeakValueDictionary()

    # -- handles (candidate objects the judge refers to)
    def handle(self, value: Any) -> dict[str, Any]:
        if isinstance(value, StandIn):
            return {"$": "standin", "id": value._sid}
        if isinstance(value, StandInMethod):
            return {"$": "standin_method", "id": value._owner._sid, "name": value._name}
        key = id(value)
        if key not in self.ids:
            self.ids[key] = self.next_id
            self.objects[self.next_id] = value
            self.next_id += 1
        handle_id = self.ids[key]
        # Described once per handle: the judge keeps the first description for as long as it holds the
        # object (``fit`` returning ``self`` is the same proxy), so describing it again changes nothing.
        described = self.described.get(handle_id)
        if described is None:
            described = self.described[handle_id] = _description(handle_id, value)
        return described

    def decode(self, tree: Any, blobs: list[Any]) -> Any:
        def tagged(node: dict[str, Any]) -> Any:
            tag = node.get("$")
            if tag == "ref":
                handle_id = node.get("id")
                if handle_id not in self.objects:
                    raise wire.WireError(f"unknown handle {handle_id!r}")
                value = self.objects[handle_id]
                return value.value if isinstance(value, Held) else value
            if tag == "method":
                owner = self.objects.get(int(node.get("id", -1)))
                if owner is None:
                    raise wire.WireError(f"unknown handle {node.get('id')!r}")
                return getattr(owner, str(node.get("name", "")))
            if tag == "standin":
                return self.stand_in(node)
            raise wire.WireError(f"unknown tag {tag!r}")

        return wire.Decoder(blobs, tagged).decode(tree)

    def stand_in(self, node: dict[str, Any]) -> StandIn:
        """The one ``StandIn`` for a judge object (so identity holds: ``est.fit(X) is est``)."""
        sid = int(node.get("id", -1))
        existing = self.stand_ins.get(sid)
        if existing is not None:
            return existing
        capabilities = frozenset(str(c) for c in node.get("caps", []))
        methods = frozenset(str(m) for m in node.get("methods", []) if not str(m).startswith("_"))
        type_name = str(node.get("type", "object"))[:100]
        made = stand_in_class(int(node.get("tid", -1)), type_name, capabilities).made(sid, type_name, methods)
        self.stand_ins[sid] = made
        return made

    def encode(self, value: Any) -> tuple[Any, list[wire.Blob]]:
        encoder = wire.Encoder(self.handle)
        return encoder.encode(value), encoder.blobs

    # -- calls back into the judge
    def callback(self, kind: str, sid: int, *, name: str = "", args: Any = None) -> Any:
        """Ask the judge to act on one of its objects; serve the judge's own requests meanwhile."""
        tree, blobs = self.encode(args if args is not None else [[], {}])
        wire.write_frame(self.fd_out, {"op": "callback", "kind": kind, "id": sid, "name": name, "args": tree}, blobs)
        header, reply_blobs = self.wait_for_reply()
        if "ok" in header:
            return self.decode(header["ok"], reply_blobs)
        if header.get("stop"):
            raise StopIteration
        raised = header.get("raised") if isinstance(header.get("raised"), dict) else {}
        assert isinstance(raised, dict)
        kind_name = str(raised.get("type", "Exception"))
        message = str(raised.get("message", ""))
        builtin = getattr(builtins, kind_name, None)
        if isinstance(builtin, type) and issubclass(builtin, Exception) and builtin is not StopIteration:
            raise builtin(message)
        raise JudgeRaised(f"{kind_name}: {message}")

    def wait_for_reply(self) -> tuple[dict[str, Any], list[Any]]:
        """Read frames until the reply to our callback arrives, answering nested requests."""
        while True:
            try:
                header, blobs = wire.read_frame(self.fd_in)
            except wire.PeerClosed:
                os._exit(0)
            if "op" not in header:
                return header, blobs
            self.reply(header, blobs)

    # -- requests
    def serve(self, fd_in: int, fd_out: int) -> None:
        self.fd_in, self.fd_out = fd_in, fd_out
        while True:
            try:
                header, blobs = wire.read_frame(fd_in)
            except wire.PeerClosed:
                return
            self.reply(header, blobs)

    def reply(self, header: dict[str, Any], blobs: list[Any]) -> None:
        reply, reply_blobs, fatal = self.answer(header, blobs)
        sys.stdout.flush()  # the candidate's own streams (which it may replace): before the state is read
        sys.stderr.flush()
        if header.get("op") in ("call", "callmethod") and "ok" in reply:
            self.attach_state(reply, reply_blobs, [header.get("target"), _handle_id(reply["ok"])])
        if self.policy is not None and self.policy.violations:
            reply["violations"] = list(self.policy.violations)
            self.policy.violations.clear()
        wire.write_frame(self.fd_out, reply, reply_blobs)
        if fatal:
            os._exit(0)

    def answer(self, header: dict[str, Any], blobs: list[Any]) -> tuple[dict[str, Any], list[wire.Blob], bool]:
        try:
            op = header.get("op")
            if op == "setup":
                return self.setup(header), [], False
            if op == "load":
                return self.load_candidate(), [], False
            self.release(header.get("release", []))  # handles the judge dropped, sent along with a request
            request = self.decode(header.get("args", []), blobs)
            result = self.perform(str(op), header, request)
            tree, reply_blobs = self.encode(result)
            return {"ok": tree}, reply_blobs, False
        except (SystemExit, KeyboardInterrupt, MemoryError) as fault:
            kind = type(fault).__name__
            detail = f"code {fault.code!r}" if isinstance(fault, SystemExit) else str(fault)[:300]
            return {"fault": {"kind": kind, "detail": detail}}, [], True
        except wire.WireError as error:
            return {"fault": {"kind": "WireError", "detail": str(error)}}, [], True
        except BaseException as error:  # the candidate's exception, reported as data
            return {"raised": self.describe(error)}, [], False

    def attach_state(self, reply: dict[str, Any], blobs: list[wire.Blob], handle_ids: list[Any]) -> None:
        """Send along the plain data attributes of the objects a call touched (see ``state_of``).

        The judge reads ``model.coef_`` after ``model.fit(X)`` from these, without a round trip of its
        own, until its next request. Their blobs follow the reply's, counted by ``state_blobs``.
        """
        encoder = wire.Encoder(_refuse_handles)
        states = []
        for handle_id in dict.fromkeys(handle_ids):
            target = self.objects.get(handle_id) if isinstance(handle_id, int) and handle_id > 0 else None
            state = state_of(target, encoder) if target is not None and not isinstance(target, Held) else None
            if state:
                states.append([handle_id, state])
        if states:
            reply["state"] = states
            reply["state_blobs"] = len(encoder.blobs)
            blobs.extend(encoder.blobs)

    def release(self, handle_ids: Any) -> None:
        for handle_id in handle_ids if isinstance(handle_ids, list) else []:
            value = self.objects.pop(handle_id, None)
            self.ids.pop(id(value), None)
            self.described.pop(handle_id, None)

    def perform(self, op: str, header: dict[str, Any], request: Any) -> Any:
        if op == "hold":
            return Held(request)
        if op == "worker_call":
            args, kwargs = request
            return self.worker_call(str(header.get("path", "")), args, kwargs)
        target = self.objects.get(header.get("target", -1))
        if target is None:
            raise wire.WireError(f"unknown target {header.get('target')!r}")
        if isinstance(target, Held):
            return target.value
        name = str(header.get("name", ""))
        if op == "deepcopy":
            return copy.deepcopy(target)
        if op == "copy":
            return copy.copy(target)
        if op == "getattr":
            return getattr(target, name)
        if op == "setattr":
            setattr(target, name, request)
            return None
        if op == "vars":
            return {str(key): value for key, value in vars(target).items()}
        if op == "delattr":
            delattr(target, name)
            return None
        if op == "next_many":
            return self.next_many(target, request)
        args, kwargs = request
        if op == "callmethod":
            return getattr(target, name)(*args, **kwargs)
        if op == "call":
            return target(*args, **kwargs)
        raise wire.WireError(f"unknown operation {op!r}")

    def next_many(self, iterator: Any, count: Any) -> dict[str, Any]:
        """Up to ``count`` items of ``next(iterator)``, fewer once 50 ms are spent or the iterator ends.

        How it ended (StopIteration or the candidate's exception) travels with the items, so the judge
        raises it when it reaches that point. Faults (SystemExit, MemoryError) end the worker as usual.
        """
        limit = count if isinstance(count, int) and 0 < count <= 1024 else 1
        step = getattr(iterator, "__next__")  # noqa: B009 - the instance's own, as a direct call would use
        items: list[Any] = []
        started = time.perf_counter()
        end: dict[str, Any] | None = None
        while len(items) < limit and (not items or time.perf_counter() - started < READ_AHEAD_SECONDS):
            try:
                items.append(step())
            except Exception as error:  # StopIteration included: it is how the iterator ends
                end = self.describe(error)
                break
        return {"items": items, "end": end}

    def worker_call(self, path: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
        """Call a NumPy function here, in the candidate's process (to observe it, not to judge it)."""
        if not path.startswith(WORKER_CALL_PREFIXES):
            raise wire.WireError(f"calling {path!r} in the worker is not allowed")
        module_name, _, attribute = path.rpartition(".")
        return getattr(importlib.import_module(module_name), attribute)(*args, **kwargs)

    def describe(self, error: BaseException) -> dict[str, Any]:
        bases = [k.__name__ for k in type(error).__mro__ if k.__module__ == "builtins"]
        where = ""
        for frame, line in traceback.walk_tb(error.__traceback__):
            if frame.f_code.co_filename in self.candidate_files:
                where = f"{os.path.basename(frame.f_code.co_filename)}, line {line}, in {frame.f_code.co_name}"
        try:
            message = str(error)
        except Exception:
            message = "<the exception's message could not be read>"
        return {"type": type(error).__name__, "bases": bases, "message": message[:2000], "where": where}

    # -- loading the candidate's module
    def setup(self, header: dict[str, Any]) -> dict[str, Any]:
        """Put up the reporters: the audit hook and the import guard."""
        np.linalg.norm(np.ones(2))  # loads what NumPy opens lazily, before the audit hook watches
        self.source = str(header["source"])
        self.kind = str(header.get("kind", "py"))
        self.module_name = str(header["module"])
        self.candidate_files = {self.source} if self.kind == "py" else set()
        self.policy = Policy(header.get("policy", {}))
        sys.addaudithook(self.policy.audit)
        # Three doors into the import system, one policy: the import statement, importlib's
        # import_module (which skips both builtins.__import__ and the "import" audit event), and
        # any finder-level import of a module not loaded yet.
        builtins.__import__ = _guarded_import(builtins.__import__, self.policy)
        importlib.import_module = _guarded_import_module(importlib.import_module, self.policy)
        sys.meta_path.insert(0, _ImportGate(self.policy))
        return {"ok": None}

    def load_candidate(self) -> dict[str, Any]:
        """Import the candidate's module; report an import failure as data."""
        try:
            module, notes = self.load(self.source, self.kind)
        except (SystemExit, KeyboardInterrupt, MemoryError) as fault:
            return {"import_error": {"type": type(fault).__name__, "message": str(fault)[:300], "where": "at import"}}
        except BaseException as error:
            return {"import_error": self.describe(error)}
        self.objects[0] = module
        return {"ok": None, "notes": notes}

    def load(self, source: str, kind: str) -> tuple[types.ModuleType, list[str]]:
        if kind == "py":
            spec = importlib.util.spec_from_file_location(self.module_name, source)
            if spec is None or spec.loader is None:
                raise ImportError(f"cannot load {source}")
            module = importlib.util.module_from_spec(spec)
            sys.modules[self.module_name] = module
            spec.loader.exec_module(module)
            return module, []
        return self.load_cells(source)

    def load_cells(self, source: str) -> tuple[types.ModuleType, list[str]]:
        with open(source, encoding="utf-8") as handle:
            cells = json.load(handle)
        module = types.ModuleType(self.module_name)
        module.__file__ = source
        sys.modules[self.module_name] = module
        notes = []
        for cell in cells:
            filename = f"{self.module_name}.ipynb, cell {cell['cell']}"
            self.candidate_files.add(filename)
            try:
                exec(compile(cell["source"], filename, "exec"), module.__dict__)
            except Exception as error:
                notes.append(f"cell {cell['cell']} raised {type(error).__name__}: {str(error)[:200]}; it was skipped")
        return module, notes


# What ``state_of`` sends along: small values only, so a call's reply grows by little.
STATE_MAX_ARRAY_BYTES = 64 * 1024
STATE_MAX_ITEMS = 256
STATE_MAX_TEXT = 10_000
_NUMPY_SCALARS = (np.bool_, np.integer, np.floating, np.complexfloating)


def state_of(target: Any, encoder: Any) -> dict[str, Any]:
    """``{name: encoded value}`` for the public attributes a read of ``target.name`` returns unchanged.

    Only attributes kept in the instance's own ``__dict__``, under a class that neither customises
    attribute lookup nor names them itself (no property or other descriptor can step in), and only
    plain data (numbers, strings, small arrays, small lists of them). Reading them runs no candidate
    code, and until the judge's next request no candidate code runs either, so these are exactly the
    values a read would return. Anything else is read with a round trip, as before.
    """
    class_dicts = [vars(klass) for klass in type(target).__mro__]  # each name as the class resolves it
    if _class_lookup(class_dicts, "__getattribute__") is not vars(object)["__getattribute__"]:
        return {}
    if type(_class_lookup(class_dicts, "__dict__")) is not types.GetSetDescriptorType:  # not the candidate's property
        return {}
    try:
        instance = object.__getattribute__(target, "__dict__")
    except AttributeError:
        return {}
    if type(instance) is not dict:
        return {}
    state: dict[str, Any] = {}
    for name, value in list(instance.items()):
        if (
            type(name) is str
            and not name.startswith("_")
            and not any(name in names for names in class_dicts)
            and _small_plain(value, [0])
        ):
            try:
                state[name] = encoder.encode(value)
            except wire.WireError:  # nested deeper than the wire allows: a read will say so itself
                continue
    return state


def _handle_id(tree: Any) -> Any:
    """The handle id of an encoded reply value, or None when the value is data."""
    return tree.get("id") if isinstance(tree, dict) and tree.get("$") == "handle" else None


def _small_plain(value: Any, items: list[int]) -> bool:
    """Plain data the wire sends as is, small enough to send along unasked; ``items`` counts elements."""
    items[0] += 1
    if items[0] > STATE_MAX_ITEMS:
        return False
    kind = type(value)
    if value is None or kind in (bool, int, float):
        return True
    if kind is str:
        return len(value) <= STATE_MAX_TEXT
    if kind is np.ndarray:
        return (
            value.dtype.kind in wire.PLAIN_KINDS
            and value.dtype.fields is None
            and value.nbytes <= STATE_MAX_ARRAY_BYTES
        )
    if kind.__module__ == "numpy" and issubclass(kind, _NUMPY_SCALARS):
        return True
    if kind in (list, tuple):
        return all(_small_plain(item, items) for item in value)
    if kind is dict:
        return all(type(key) in (str, int) and _small_plain(item, items) for key, item in value.items())
    return False


def _refuse_handles(value: Any) -> dict[str, Any]:
    raise TypeError(f"not plain data: {type(value).__name__}")


class Held:
    """Data the judge sent ahead of a timed call, kept here under a handle (``sandbox.hold``)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def _class_lookup(class_dicts: list[Any], name: str) -> Any:
    """What ``name`` resolves to on a class, given its MRO's ``vars``; None when no class defines it."""
    for names in class_dicts:
        if name in names:
            return names[name]
    return None


def _description(handle_id: int, value: Any) -> dict[str, Any]:
    """What the judge learns of a new handle: its type, whether it can be called, and its methods."""
    kind = type(value)
    methods: list[str] = []
    if not isinstance(value, (type, types.ModuleType, types.FunctionType)):
        methods = sorted(
            name
            for name, attribute in _class_attributes(kind)
            if not name.startswith("__") and isinstance(attribute, types.FunctionType)
        )
    return {
        "$": "handle",
        "id": handle_id,
        "type": getattr(kind, "__qualname__", "object"),
        "name": str(getattr(value, "__qualname__", "")) if callable(value) else "",
        "callable": callable(value),
        "methods": methods,
        # A generator's iter() is itself and it has no len(): the judge answers both without asking.
        "generator": kind is types.GeneratorType,
    }


def _class_attributes(kind: type) -> list[tuple[str, Any]]:
    attributes: dict[str, Any] = {}
    for klass in reversed(kind.__mro__):
        attributes.update(vars(klass))
    return list(attributes.items())


def _guarded_import(original: Any, policy: Policy) -> Any:
    def guarded(name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0) -> Any:
        if level == 0:
            policy.refuse_forbidden_import(name)
        return original(name, globals, locals, fromlist, level)

    return guarded


def _guarded_import_module(original: Any, policy: Policy) -> Any:
    def guarded(name: str, package: str | None = None) -> Any:
        if not name.startswith("."):
            policy.refuse_forbidden_import(name)
        return original(name, package)

    return guarded


class _ImportGate:
    """A meta-path finder that reports imports of forbidden modules, through whichever door."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        self.policy.refuse_forbidden_import(fullname)
        return None


WORKER = Worker()


def main() -> None:
    fd_in = os.dup(0)
    fd_out = os.dup(1)
    os.set_inheritable(fd_in, False)
    os.set_inheritable(fd_out, False)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(2, 1)  # the candidate's prints join stderr, on the judge's capture pipe
    WORKER.serve(fd_in, fd_out)


if __name__ == "__main__":
    main()
