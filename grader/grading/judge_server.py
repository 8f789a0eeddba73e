"""A warm judge: imports pytest, Hypothesis, NumPy and scikit-learn once, then forks one judge per grading.

``python -P -s -m grader.grading.judge_server --socket FD``

A judge started from scratch spends about two seconds importing before it grades anything; a batch of
two hundred five-exercise submissions pays that a thousand times. This server is started exactly like
a judge (``runner.run_judge``: its own working folder, ``-P``, no user site, no ``PYTHON*`` variables
that inject code, a memory limit), imports the grading stack, and waits on a Unix socket. Each request
carries the judge's arguments, its working folder and two pipes (sent as file descriptors); the server
forks, and the child becomes exactly the judge ``python -m grader.grading.judge`` would have been:
its own session (so a deadline kills its whole group), the pipes as stdout and stderr, the working
folder, then ``judge.main(argv)``. The server answers with the child's pid, then its exit status.

The server is single-threaded (children are watched through pidfds), so forking it is safe; it never
grades anything itself, never imports an exercise, and holds no candidate data. Each judge runs with
the environment its request carries; the client keeps one server per environment (less variables
that change on every call), so what the server imported matches it. When the client's end of the
socket closes, the server exits.
"""

from __future__ import annotations

import argparse
import array
import contextlib
import gc
import importlib
import json
import os
import selectors
import signal
import socket
import sys
from typing import Any

# Imported once here, so that every forked judge starts with them loaded. A module missing from the
# machine is simply not preloaded: the judge imports what its suite needs as it always does.
PRELOAD = (
    "grader.grading.judge",
    "grader.testing",
    "hypothesis",
    "hypothesis.extra.numpy",
    "numpy",
    "scipy",
    "scipy.special",
    "scipy.stats",
    "pandas",
    "sklearn",
    "sklearn.base",
    "sklearn.cluster",
    "sklearn.decomposition",
    "sklearn.ensemble",
    "sklearn.impute",
    "sklearn.linear_model",
    "sklearn.metrics",
    "sklearn.model_selection",
    "sklearn.neighbors",
    "sklearn.pipeline",
    "sklearn.preprocessing",
    "sklearn.tree",
    "sklearn.utils",
)

MAX_MESSAGE_BYTES = 1 << 20


def preload() -> None:
    for name in PRELOAD:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    # What the sandbox mounts for NumPy, the import every exercise allows: each forked judge inherits it.
    with contextlib.suppress(Exception):
        from grader.grading import launcher

        launcher.package_entries(("numpy",))
    # The libraries' releases in the grading fingerprint: read from their metadata once, not per judge.
    with contextlib.suppress(Exception):
        from grader.grading import fingerprint

        fingerprint.library_versions()
    # Everything loaded so far lives as long as the server: moved out of the collector's sight, a full
    # collection in a judge scans the judge's own objects, not the 150,000 preloaded ones (0.15 s to
    # 0.01 s per classification-metrics grading), and forked judges keep sharing those pages.
    gc.freeze()


def send(channel: socket.socket, message: dict[str, Any]) -> None:
    channel.send(json.dumps(message).encode())  # a SOCK_SEQPACKET socket: one message per send


def receive_request(channel: socket.socket) -> tuple[dict[str, Any], list[int]] | None:
    """One request (a JSON message) and the descriptors sent with it; ``None`` when the client is gone."""
    descriptors = array.array("i")
    data, ancillary, _, _ = channel.recvmsg(MAX_MESSAGE_BYTES, socket.CMSG_SPACE(2 * descriptors.itemsize))
    if not data:
        return None
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            descriptors.frombytes(payload[: len(payload) - (len(payload) % descriptors.itemsize)])
    return json.loads(data.decode()), list(descriptors)


def become_judge(request: dict[str, Any], stdout_fd: int, stderr_fd: int, channel: socket.socket) -> None:
    """In the forked child: turn into the judge the request describes, and never return."""
    code = 1
    try:
        os.setsid()
        channel.close()
        os.dup2(stdout_fd, 1)
        os.dup2(stderr_fd, 2)
        os.close(stdout_fd)
        os.close(stderr_fd)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.chdir(str(request["cwd"]))
        environment = request.get("env")
        if isinstance(environment, dict):  # the request's exact environment, for the judge and its worker
            os.environ.clear()
            os.environ.update({str(name): str(value) for name, value in environment.items()})
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - the process's own stream
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False, buffering=1)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False, buffering=1)  # noqa: SIM115
        from grader.grading import judge

        code = judge.main([str(part) for part in request["argv"]])
    except SystemExit as exit_request:
        code = exit_request.code if isinstance(exit_request.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def serve(channel: socket.socket) -> None:
    selector = selectors.DefaultSelector()
    selector.register(channel, selectors.EVENT_READ, None)
    while True:
        for key, _ in selector.select():
            if key.data is None:
                received = receive_request(channel)
                if received is None:
                    return
                request, descriptors = received
                if len(descriptors) != 2:
                    for fd in descriptors:
                        os.close(fd)
                    send(channel, {"id": request.get("id"), "error": "a request needs two pipes"})
                    continue
                pid = os.fork()
                if pid == 0:
                    become_judge(request, descriptors[0], descriptors[1], channel)
                for fd in descriptors:
                    os.close(fd)
                watcher = os.pidfd_open(pid)
                selector.register(watcher, selectors.EVENT_READ, (request.get("id"), pid))
                send(channel, {"id": request.get("id"), "pid": pid})
            else:
                request_id, pid = key.data
                selector.unregister(key.fd)
                os.close(key.fd)
                _, status = os.waitpid(pid, 0)
                send(channel, {"id": request_id, "exit": os.waitstatus_to_exitcode(status)})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader.grading.judge_server")
    parser.add_argument("--socket", type=int, required=True, help="descriptor of the client's Unix socket")
    options = parser.parse_args(argv)
    channel = socket.socket(fileno=options.socket)
    preload()
    send(channel, {"ready": True})
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        serve(channel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
