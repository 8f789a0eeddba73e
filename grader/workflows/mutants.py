"""Mutation testing of an exercise's hidden suite: how many small mistakes in the reference does it catch?

Each mutant is the reference with one small, realistic change (an operator, a comparison, a constant,
an off-by-one slice, two arguments swapped, a statement dropped, a ``ddof`` or an ``axis``). Every
mutant is graded as a submission by the exercise's own hidden suite, stopping at the first failed
check: a mutant that loses a point is *killed*; one that keeps full marks *survives*. A survivor is a
mistake no check notices, unless no correct implementation could be told apart from it; such mutants
are recorded as *equivalent*, with the reason, in ``exercises/<slug>/mutants.toml``::

    [[equivalent]]
    mutant = "KMeans.fit: `n_samples < 1` -> `n_samples <= 1`"
    reason = "one sample with one cluster gives the same answer either way"

The mutation score is killed / (mutants - equivalent). Results are cached by the mutant's source and
the grading code, so a second run grades only what changed. The mutator is a small AST walker of our
own: general mutation tools rewrite files in place and run a test command, which does not fit a
grader that must run each mutant as an untrusted submission through its sandbox.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import json
import random
import tempfile
import tomllib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from grader.core.errors import ConfigurationError
from grader.core.exercises import Exercise
from grader.grading.fingerprint import grading_fingerprint

CACHE_VERSION = "1"
_SWAPPED_OPERATORS: dict[type[ast.AST], type[ast.AST]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Pow: ast.Mult,
    ast.Mod: ast.FloorDiv,
    ast.MatMult: ast.Mult,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.And: ast.Or,
    ast.Or: ast.And,
}
_FLIPPED_KEYWORDS: dict[str, dict[int, int]] = {
    "ddof": {0: 1, 1: 0},
    "axis": {0: 1, 1: 0, -1: 0},
    "keepdims": {True: False, False: True},
}


@dataclass(frozen=True)
class Mutant:
    """One change to the reference: where, what, and the whole mutated source."""

    description: str
    line: int
    source: str


@dataclass
class Outcome:
    """What grading one mutant gave."""

    mutant: Mutant
    killed: bool
    detail: str = ""


@dataclass
class Report:
    """The mutation score of one exercise's suite."""

    slug: str
    total_mutants: int
    outcomes: list[Outcome] = field(default_factory=list)
    equivalent: dict[str, str] = field(default_factory=dict)

    @property
    def killed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.killed]

    @property
    def survivors(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.killed and o.mutant.description not in self.equivalent]

    @property
    def recorded_equivalent(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.killed and o.mutant.description in self.equivalent]

    @property
    def score(self) -> float:
        judged = len(self.outcomes) - len(self.recorded_equivalent)
        return len(self.killed) / judged if judged else 1.0


# ----------------------------------------------------------------------------- making mutants


class _Site:
    """A place in the tree where one mutation applies, with how to apply it and what it says."""

    def __init__(self, node: ast.AST, label: str, apply: Callable[[ast.AST], None], where: str) -> None:
        self.node, self.label, self.apply, self.where = node, label, apply, where


def _sites(tree: ast.Module) -> Iterator[_Site]:
    """Every mutation site of the module, in source order, skipping docstrings and messages."""
    for scope, node in _walk_with_scope(tree):
        yield from _node_sites(node, scope)


def _walk_with_scope(tree: ast.Module) -> Iterator[tuple[str, ast.AST]]:
    def visit(node: ast.AST, scope: str) -> Iterator[tuple[str, ast.AST]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                inner = f"{scope}.{child.name}" if scope else child.name
                yield inner, child
                yield from visit(child, inner)
            else:
                yield scope or "<module>", child
                yield from visit(child, scope)

    yield from visit(tree, "")


def _node_sites(node: ast.AST, scope: str) -> Iterator[_Site]:
    if isinstance(node, (ast.BinOp, ast.AugAssign, ast.BoolOp)) and type(node.op) in _SWAPPED_OPERATORS:
        yield _operator_site(node, "op", node.op, scope)
    elif isinstance(node, ast.Compare):
        for index, op in enumerate(node.ops):
            if type(op) in _SWAPPED_OPERATORS:
                yield _compare_site(node, index, scope)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
        yield _Site(node, f"drop `{_op_text(node.op)}`", lambda n: _replace_with(n, n.operand), scope)  # type: ignore[attr-defined]
    elif isinstance(node, ast.Constant) and _mutable_number(node.value):
        yield from _constant_sites(node, scope)
    elif isinstance(node, ast.Call):
        yield from _call_sites(node, scope)
    elif isinstance(node, ast.Slice):
        yield from _slice_sites(node, scope)
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.For, ast.While, ast.If, ast.With)):
        yield from _statement_sites(node, scope)


def _operator_site(node: ast.AST, attribute: str, op: ast.AST, scope: str) -> _Site:
    replacement = _SWAPPED_OPERATORS[type(op)]

    def apply(target: ast.AST) -> None:
        setattr(target, attribute, replacement())

    return _Site(node, f"`{_op_text(op)}` -> `{_op_text(replacement())}`", apply, scope)


def _compare_site(node: ast.Compare, index: int, scope: str) -> _Site:
    replacement = _SWAPPED_OPERATORS[type(node.ops[index])]

    def apply(target: ast.AST) -> None:
        assert isinstance(target, ast.Compare)
        made = replacement()
        assert isinstance(made, ast.cmpop)
        target.ops[index] = made

    return _Site(node, f"`{_op_text(node.ops[index])}` -> `{_op_text(replacement())}`", apply, scope)


def _mutable_number(value: object) -> bool:
    return isinstance(value, (int, float))  # bool included: True <-> False


def _constant_sites(node: ast.Constant, scope: str) -> Iterator[_Site]:
    value = node.value
    if isinstance(value, bool):
        replacements: list[int | float] = [not value]
    elif isinstance(value, int):
        replacements = [value + 1] if value not in (0, 1) else [1 - value]
    elif isinstance(value, float):
        replacements = [value * 2 if value != 0 else 1.0]
    else:
        return
    for new in replacements:

        def apply(target: ast.AST, new: int | float = new) -> None:
            assert isinstance(target, ast.Constant)
            target.value = new

        yield _Site(node, f"`{value!r}` -> `{new!r}`", apply, scope)


def _call_sites(node: ast.Call, scope: str) -> Iterator[_Site]:
    for index, keyword in enumerate(node.keywords):
        flips = _FLIPPED_KEYWORDS.get(keyword.arg or "")
        old = keyword.value.value if isinstance(keyword.value, ast.Constant) else None
        if flips and isinstance(old, int) and old in flips:
            new = flips[old]

            def apply(target: ast.AST, index: int = index, new: int = new) -> None:
                assert isinstance(target, ast.Call)
                target.keywords[index].value = ast.Constant(new)

            yield _Site(node, f"`{keyword.arg}={old!r}` -> `{keyword.arg}={new!r}`", apply, scope)
    positional = [arg for arg in node.args if not isinstance(arg, ast.Starred)]
    if len(positional) == len(node.args) >= 2 and ast.dump(node.args[0]) != ast.dump(node.args[1]):

        def swap(target: ast.AST) -> None:
            assert isinstance(target, ast.Call)
            target.args[0], target.args[1] = target.args[1], target.args[0]

        yield _Site(node, "first two arguments swapped", swap, scope)


def _slice_sites(node: ast.Slice, scope: str) -> Iterator[_Site]:
    for bound in ("lower", "upper"):
        if getattr(node, bound) is None:
            continue

        def apply(target: ast.AST, bound: str = bound) -> None:
            value = getattr(target, bound)
            setattr(target, bound, ast.BinOp(left=value, op=ast.Add(), right=ast.Constant(1)))

        yield _Site(node, f"slice {bound} bound + 1", apply, scope)


def _statement_sites(node: ast.AST, scope: str) -> Iterator[_Site]:
    body: list[ast.stmt] = getattr(node, "body", [])
    if len(body) < 2:
        return
    for index, statement in enumerate(body):
        if not isinstance(statement, (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign)):
            continue
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue  # a docstring

        def apply(target: ast.AST, index: int = index) -> None:
            target.body[index] = ast.Pass()  # type: ignore[attr-defined]

        yield _Site(node, f"statement dropped: `{_cut(ast.unparse(statement))}`", apply, scope)


def _replace_with(node: ast.AST, replacement: ast.AST) -> None:
    """Make ``node`` become ``replacement`` in place (an expression node's fields are copied)."""
    node.__class__ = replacement.__class__
    for name in replacement._fields:
        setattr(node, name, getattr(replacement, name))


def _op_text(op: ast.AST) -> str:
    return {
        ast.Add: "+",
        ast.Sub: "-",
        ast.Mult: "*",
        ast.Div: "/",
        ast.FloorDiv: "//",
        ast.Pow: "**",
        ast.Mod: "%",
        ast.MatMult: "@",
        ast.Lt: "<",
        ast.LtE: "<=",
        ast.Gt: ">",
        ast.GtE: ">=",
        ast.Eq: "==",
        ast.NotEq: "!=",
        ast.Is: "is",
        ast.IsNot: "is not",
        ast.In: "in",
        ast.NotIn: "not in",
        ast.And: "and",
        ast.Or: "or",
        ast.Not: "not",
        ast.USub: "-",
    }.get(type(op), "?")


def _cut(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _inside_skipped(tree: ast.Module) -> set[int]:
    """Ids of nodes never mutated: docstrings, message strings, type annotations, ``__all__``."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        annotations: list[ast.AST | None] = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            annotations = [node.returns, *(arg.annotation for arg in node.args.args + node.args.kwonlyargs)]
        elif isinstance(node, ast.AnnAssign):
            annotations = [node.annotation]
        elif isinstance(node, ast.Raise):
            annotations = [node.exc]  # the exception's message: changing its text proves nothing
        for annotation in annotations:
            if annotation is not None:
                skipped |= {id(inner) for inner in ast.walk(annotation)}
    return skipped


def make_mutants(source: str) -> list[Mutant]:
    """Every single-change mutant of ``source``, in source order, described so that the description
    survives edits elsewhere in the file: ``scope: change in `code```."""
    tree = ast.parse(source)
    skipped = _inside_skipped(tree)
    mutants: list[Mutant] = []
    seen: set[str] = set()
    sources: set[str] = set()
    for ordinal, site in enumerate(_sites(tree)):
        if id(site.node) in skipped:
            continue
        mutated_tree = copy.deepcopy(tree)
        target = _nth_node(mutated_tree, tree, site.node)
        context = _cut(ast.unparse(site.node)) if not isinstance(site.node, ast.stmt) else ""
        site.apply(target)
        ast.fix_missing_locations(mutated_tree)
        try:
            mutated = ast.unparse(mutated_tree)
        except Exception:  # an operator the unparser cannot place: not a mutant
            continue
        if mutated in sources:
            continue  # two changes that give the same program are one mutant
        sources.add(mutated)
        description = f"{site.where}: {site.label}" + (f" in `{context}`" if context else "")
        if description in seen:
            description += f" (#{ordinal})"
        seen.add(description)
        mutants.append(Mutant(description, getattr(site.node, "lineno", 0), mutated))
    return mutants


def _nth_node(copied: ast.Module, original: ast.Module, node: ast.AST) -> ast.AST:
    """The node of ``copied`` at the position ``node`` has in ``original`` (both walked alike)."""
    for old, new in zip(ast.walk(original), ast.walk(copied), strict=True):
        if old is node:
            return new
    raise LookupError("node not found in the copy")


def sample(mutants: Sequence[Mutant], most: int | None, seed: str) -> list[Mutant]:
    """At most ``most`` mutants, drawn deterministically (the same sample on every run)."""
    if most is None or len(mutants) <= most:
        return list(mutants)
    chosen = random.Random(seed).sample(range(len(mutants)), most)
    return [mutants[index] for index in sorted(chosen)]


# ----------------------------------------------------------------------------- grading them


def equivalent_mutants(exercise: Exercise) -> dict[str, str]:
    """The mutants recorded as equivalent beside the exercise, description -> reason."""
    path = exercise.folder / "mutants.toml"
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigurationError(f"Cannot read {path}: {error}") from error
    recorded = {}
    for entry in data.get("equivalent", []):
        if not isinstance(entry, dict) or not isinstance(entry.get("mutant"), str) or not entry.get("reason"):
            raise ConfigurationError(f"Each [[equivalent]] in {path} needs a mutant and a reason; got {entry!r}.")
        recorded[entry["mutant"]] = str(entry["reason"])
    return recorded


def grade_mutants(
    exercise: Exercise,
    mutants: Sequence[Mutant],
    *,
    jobs: int = 2,
    isolation: str = "auto",
    cache: Path | None = None,
    progress: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Grade every mutant with the hidden suite (first failure ends it); reuse cached verdicts."""
    from grader.grading.runner import grade_exercise
    from grader.grading.submission import ExerciseSource

    fingerprint = f"{CACHE_VERSION}:{grading_fingerprint([exercise])}"

    def one(mutant: Mutant) -> Outcome:
        key = hashlib.sha256(f"{fingerprint}\n{mutant.source}".encode()).hexdigest()
        cached = cache / f"{key}.json" if cache is not None else None
        if cached is not None and cached.is_file():
            data = json.loads(cached.read_text(encoding="utf-8"))
            outcome = Outcome(mutant, bool(data["killed"]), str(data["detail"]))
        else:
            with tempfile.TemporaryDirectory(prefix="mlgrade-mutant-") as folder:
                path = Path(folder) / f"{exercise.slug}.py"
                path.write_text(mutant.source, encoding="utf-8")
                result = grade_exercise(
                    exercise, ExerciseSource(exercise.slug, path, "py", path.name), isolation, fail_fast=True
                )
            killed = result.status != "graded" or result.score < result.max_score
            failed = next((c for c in result.checks if not c.passed and c.message != "not run"), None)
            detail = f"{failed.category}/{failed.name}" if failed is not None else result.status if killed else ""
            outcome = Outcome(mutant, killed, detail)
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_text(json.dumps({"killed": killed, "detail": detail}), encoding="utf-8")
        if progress is not None:
            progress(outcome)
        return outcome

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(one, mutants))


def run(
    exercise: Exercise,
    *,
    most: int | None = None,
    jobs: int = 2,
    isolation: str = "auto",
    cache: Path | None = None,
    progress: Callable[[Outcome], None] | None = None,
) -> Report:
    """Mutate the exercise's reference, grade the (sampled) mutants, and score the suite."""
    source = exercise.reference_path.read_text(encoding="utf-8")
    every = make_mutants(source)
    chosen = sample(every, most, seed=exercise.slug)
    outcomes = grade_mutants(exercise, chosen, jobs=jobs, isolation=isolation, cache=cache, progress=progress)
    return Report(exercise.slug, len(every), outcomes, equivalent_mutants(exercise))


# ----------------------------------------------------------------------------- the command


def render(report: Report) -> str:
    """The report as text: the score, then every survivor (what a new check must catch)."""
    graded = len(report.outcomes)
    lines = [
        f"{report.slug}: {100 * report.score:.1f}% of non-equivalent mutants killed "
        f"({len(report.killed)} killed, {len(report.survivors)} survived, "
        f"{len(report.recorded_equivalent)} equivalent; {graded} graded of {report.total_mutants})"
    ]
    lines += [f"  survived: {outcome.mutant.description}" for outcome in report.survivors]
    stale = sorted(set(report.equivalent) - {o.mutant.description for o in report.outcomes})
    if stale and graded == report.total_mutants:
        lines += [f"  recorded as equivalent but no longer a mutant: {description}" for description in stale]
    return "\n".join(lines)
