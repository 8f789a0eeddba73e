"""The candidate worker: imports the candidate's module and runs calls on the judge's behalf.

This file runs in the untrusted process, inside the sandbox, and depends on nothing of the project
but ``wire.py`` (and ``grader_spies.py`` when a suite builds spies), which are copied beside it.
It reads request frames on stdin and writes reply frames on a duplicate of stdout; the candidate's
own stdout and stderr go to the judge's capture pipe. Requests are plain ``(op, arguments)`` data:

``setup`` (policy and module to load), ``getattr``, ``setattr``, ``call``, ``callmethod``, ``build``,
``release``. Replies: ``{"ok": value}``, ``{"raised": {...}}`` or ``{"fault": {...}}``, each with
``seconds`` (time spent in candidate code) and ``violations`` (forbidden operations seen since the
last reply). After a fault (``SystemExit``, ``KeyboardInterrupt``, ``MemoryError``) the worker exits:
its state can no longer be trusted, and the judge starts a fresh one.

The audit hook below is a second wall, not the first: under bubblewrap the files and the network are
simply absent. Without bubblewrap it refuses sockets, new processes and file access outside the
submission copy, the private temporary folder and the Python installation.
"""

from __future__ import annotations

import builtins
import importlib
import importlib.util
import json
import os
import sys
import time
import traceback
import types
import warnings
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np
import wire  # type: ignore[import-not-found]

TRUSTED_BUILD_PREFIXES = ("sklearn.", "numpy.", "grader_spies.")
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


class Policy:
    """What candidate code may touch, and the record of what it tried."""

    def __init__(self, config: dict[str, Any], candidate_files: set[str]) -> None:
        self.read_roots = tuple(_real(p) for p in config.get("read_roots", []))
        self.write_roots = tuple(_real(p) for p in config.get("write_roots", []))
        self.library_roots = tuple(_real(p) for p in config.get("library_roots", []))
        self.allowed_imports = set(config.get("allowed_imports", [])) | set(sys.stdlib_module_names)
        self.candidate_files = candidate_files
        self.violations: list[str] = []
        self._busy = False

    def note(self, text: str) -> None:
        if text not in self.violations and len(self.violations) < 50:
            self.violations.append(text)

    def refuse_forbidden_import(self, name: str) -> None:
        """Record and refuse an import of a module the exercise does not allow, made by candidate code."""
        if not self.import_allowed(name) and self.initiated_by_candidate():
            self.note(f"import of {name.partition('.')[0]!r}")
            raise ImportError(f"importing {name!r} is not allowed in this exercise")

    def import_allowed(self, name: str) -> bool:
        top = name.partition(".")[0]
        return top in self.allowed_imports or top == "__main__"

    def initiated_by_candidate(self) -> bool:
        """Whether the innermost frame outside this policy and importlib belongs to candidate code."""
        frame: types.FrameType | None = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename == __file__:
            frame = frame.f_back
        while frame is not None and _is_import_machinery(frame.f_code.co_filename):
            frame = frame.f_back
        if frame is None:
            return False
        filename = frame.f_code.co_filename
        return not (filename == __file__ or filename.startswith(self.library_roots))

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
            self.note(f"blocked {'writing' if write else 'reading'} {real}")
            raise PermissionError(f"{event} of {real!r} is outside the sandbox")


def _real(path: str) -> str:
    return os.path.realpath(path)


def _is_import_machinery(filename: str) -> bool:
    return filename.startswith("<frozen") or "/importlib/" in filename


class Worker:
    """Holds the candidate module and the objects handed to the judge, and serves requests."""

    def __init__(self) -> None:
        self.objects: dict[int, Any] = {}
        self.ids: dict[int, int] = {}
        self.next_id = 1
        self.policy: Policy | None = None
        self.module_name = ""
        self.source = ""
        self.kind = "py"

    # -- handles
    def handle(self, value: Any) -> dict[str, Any]:
        key = id(value)
        if key not in self.ids:
            self.ids[key] = self.next_id
            self.objects[self.next_id] = value
            self.next_id += 1
        handle_id = self.ids[key]
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
        }

    def decode(self, tree: Any, blobs: list[bytes]) -> Any:
        decoder: wire.Decoder

        def tagged(node: dict[str, Any]) -> Any:
            if node.get("$") == "ref":
                handle_id = node.get("id")
                if handle_id not in self.objects:
                    raise wire.WireError(f"unknown handle {handle_id!r}")
                return self.objects[handle_id]
            if node.get("$") == "method":
                owner = self.objects.get(int(node.get("id", -1)))
                if owner is None:
                    raise wire.WireError(f"unknown handle {node.get('id')!r}")
                return getattr(owner, str(node.get("name", "")))
            if node.get("$") == "spec":
                args = decoder.decode(node.get("args", []))
                kwargs = decoder.decode(node.get("kwargs", {"$": "dict", "v": []}))
                return self.build(str(node.get("path", "")), args, kwargs)
            raise wire.WireError(f"unknown tag {node.get('$')!r}")

        decoder = wire.Decoder(blobs, tagged)
        return decoder.decode(tree)

    def build(self, path: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
        """Construct a trusted object (a scikit-learn estimator, a spy) from its import path."""
        if not path.startswith(TRUSTED_BUILD_PREFIXES):
            raise wire.WireError(f"building {path!r} is not allowed")
        module_name, _, attribute = path.rpartition(".")
        target = getattr(importlib.import_module(module_name), attribute)
        return target(*args, **kwargs)

    # -- requests
    def serve(self, fd_in: int, fd_out: int) -> None:
        while True:
            try:
                header, blobs = wire.read_frame(fd_in)
            except wire.PeerClosed:
                return
            reply, reply_blobs, fatal = self.answer(header, blobs)
            sys.stdout.flush()
            sys.stderr.flush()
            if self.policy is not None and self.policy.violations:
                reply["violations"] = list(self.policy.violations)
                self.policy.violations.clear()
            wire.write_frame(fd_out, reply, reply_blobs)
            if fatal:
                os._exit(0)

    def answer(self, header: dict[str, Any], blobs: list[bytes]) -> tuple[dict[str, Any], list[bytes], bool]:
        started = time.perf_counter()
        spent = 0.0
        try:
            op = header.get("op")
            if op == "setup":
                return self.setup(header), [], False
            if op == "load":
                return self.load_candidate(), [], False
            if op == "release":
                for handle_id in header.get("ids", []):
                    value = self.objects.pop(handle_id, None)
                    self.ids.pop(id(value), None)
                return {"ok": None, "seconds": 0.0}, [], False
            request = self.decode(header.get("args", []), blobs)
            started = time.perf_counter()
            result = self.perform(str(op), header, request)
            spent = time.perf_counter() - started
            encoder = wire.Encoder(self.handle)
            tree = encoder.encode(result)
            return {"ok": tree, "seconds": spent}, encoder.blobs, False
        except (SystemExit, KeyboardInterrupt, MemoryError) as fault:
            kind = type(fault).__name__
            detail = f"code {fault.code!r}" if isinstance(fault, SystemExit) else str(fault)[:300]
            return {"fault": {"kind": kind, "detail": detail}, "seconds": spent}, [], True
        except wire.WireError as error:
            return {"fault": {"kind": "WireError", "detail": str(error)}}, [], True
        except BaseException as error:  # the candidate's exception, reported as data
            spent = spent or time.perf_counter() - started
            return {"raised": self.describe(error), "seconds": spent}, [], False

    def perform(self, op: str, header: dict[str, Any], request: Any) -> Any:
        target = self.objects.get(header.get("target", -1))
        if op == "build":
            args, kwargs = request
            return self.build(str(header.get("path", "")), args, kwargs)
        if target is None:
            raise wire.WireError(f"unknown target {header.get('target')!r}")
        name = str(header.get("name", ""))
        if op == "getattr":
            return getattr(target, name)
        if op == "setattr":
            setattr(target, name, request)
            return None
        args, kwargs = request
        if op == "callmethod":
            return getattr(target, name)(*args, **kwargs)
        if op == "call":
            return target(*args, **kwargs)
        raise wire.WireError(f"unknown operation {op!r}")

    def describe(self, error: BaseException) -> dict[str, Any]:
        bases = [k.__name__ for k in type(error).__mro__ if k.__module__ == "builtins"]
        where = ""
        files = self.policy.candidate_files if self.policy else set()
        for frame, line in traceback.walk_tb(error.__traceback__):
            if frame.f_code.co_filename in files:
                where = f"{os.path.basename(frame.f_code.co_filename)}, line {line}, in {frame.f_code.co_name}"
        try:
            message = str(error)
        except Exception:
            message = "<the exception's message could not be read>"
        return {"type": type(error).__name__, "bases": bases, "message": message[:2000], "where": where}

    # -- loading the candidate's module
    def setup(self, header: dict[str, Any]) -> dict[str, Any]:
        """Preload trusted modules, then put up the audit hook and the import guard."""
        for name in header.get("preload", []):
            importlib.import_module(name)
        _warm_up_native_libraries()
        # Warnings raised inside the grader's own scikit-learn objects are not the candidate's output.
        warnings.filterwarnings("ignore", module=r"sklearn\.")
        self.source = str(header["source"])
        self.kind = str(header.get("kind", "py"))
        self.module_name = str(header["module"])
        candidate_files = {self.source} if self.kind == "py" else set()
        self.policy = Policy(header.get("policy", {}), candidate_files)
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
        assert self.policy is not None  # setup comes first
        started = time.perf_counter()
        try:
            module, notes = self.load(self.source, self.kind)
        except (SystemExit, KeyboardInterrupt, MemoryError) as fault:
            return {"import_error": {"type": type(fault).__name__, "message": str(fault)[:300],
                                     "where": "at import"}}
        except BaseException as error:
            return {"import_error": self.describe(error)}
        self.objects[0] = module
        return {"ok": None, "notes": notes, "seconds": time.perf_counter() - started}

    def load(self, source: str, kind: str) -> tuple[types.ModuleType, list[str]]:
        if kind == "py":
            spec = importlib.util.spec_from_file_location(self.module_name, source)
            assert spec is not None and spec.loader is not None  # a .py path always has a loader
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
            assert self.policy is not None
            self.policy.candidate_files.add(filename)
            try:
                exec(compile(cell["source"], filename, "exec"), module.__dict__)
            except Exception as error:
                notes.append(f"cell {cell['cell']} raised {type(error).__name__}: {str(error)[:200]}; "
                             "it was skipped")
        return module, notes


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
    """A meta-path finder that refuses candidate imports of modules not yet loaded."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        self.policy.refuse_forbidden_import(fullname)
        return None


def _warm_up_native_libraries() -> None:
    """Load what NumPy and scikit-learn open lazily, before the audit hook would refuse it."""
    np.linalg.norm(np.ones(2))
    if "sklearn" in sys.modules:
        import threadpoolctl  # type: ignore[import-untyped]

        threadpoolctl.threadpool_info()


def main() -> None:
    fd_in = os.dup(0)
    fd_out = os.dup(1)
    os.set_inheritable(fd_in, False)
    os.set_inheritable(fd_out, False)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(2, 1)  # the candidate's prints join stderr, on the judge's capture pipe
    Worker().serve(fd_in, fd_out)


if __name__ == "__main__":
    main()
