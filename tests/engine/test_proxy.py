"""The proxy makes candidate objects feel local while only data crosses the boundary."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from grader.core.errors import CandidateCrashed, CandidateRaised, MissingName, NotImplementedFault, ResourceExceeded
from grader.grading.proxy import RemoteObject, Trusted, WorkerClient, WorkerConfig, same_object

MODULE = """
import numpy as np

class Model:
    def __init__(self, k=2):
        self.k = k
    def fit(self, X):
        self.mean_ = np.asarray(X, dtype=float).mean(axis=0)
        return self
    def shift(self, row):
        return np.asarray(row, dtype=float) - self.mean_
    def folds(self, n):
        for i in range(n):
            yield np.arange(i), i
    def __eq__(self, other):
        return True

def fails(x):
    raise ValueError(f"bad x={x}")

def todo():
    raise NotImplementedError

def exits():
    import os
    os._exit(0)

def use(estimator, X, y):
    return estimator.fit(X, y).score(X, y)

def fit_returns_the_same_object(estimator, X, y):
    return estimator.fit(X, y) is estimator

def deep_copies(estimator, X, y):
    import copy
    twin = copy.deepcopy(estimator)
    twin.fit(X, y)
    return twin is estimator, hasattr(twin, "coef_"), hasattr(estimator, "coef_")

def peek(obj, name):
    return getattr(obj, name)

def clone_by_class(estimator):
    return type(estimator)(**estimator.get_params(deep=False))

def assign(obj, name, value):
    setattr(obj, name, value)

def splits(cv, X):
    return [(train.tolist(), test.tolist()) for train, test in cv.split(X)]

def through(pipeline, X):
    return pipeline.fit(X).transform(X)

def forge_journal(spy, fake):
    spy.set_params(journal=fake)

def numbered(n, broken_at):
    for i in range(n):
        if i == broken_at:
            raise ValueError(f"item {i} is broken")
        yield i

def endless():
    i = 0
    while True:
        yield i
        i += 1

def held(X):
    return X.sum()

class Double:
    def fit(self, X, y=None):
        self.fitted_ = True
        return self
    def transform(self, X):
        return X * 2

def fit_through_then_mark(pipeline, double, X):
    pipeline.fit(X)
    double.fitted_ = "changed after the nested call"

class Lazy:
    def fit(self, X):
        self.seen_ = len(X)
        return self
    @property
    def total_(self):
        return self.seen_ * 10

class Shadowed:
    @property
    def score_(self):
        return 7
    def fit(self):
        self.__dict__["score_"] = 1  # the property still wins a read: a data descriptor on the class
        return self

class Custom:
    def __init__(self):
        self.value_ = 1
    def __getattribute__(self, name):
        return 2 if name == "value_" else object.__getattribute__(self, name)

REGISTRY = []

class Counter:
    def __init__(self):
        self.count_ = 0
        self.big_ = np.zeros(100_000)
        REGISTRY.append(self)
    def bump(self):
        self.count_ += 1
        return self

def bump_all():
    for item in REGISTRY:
        item.count_ += 100

class Deep:
    def fit(self):
        nested = 1
        for _ in range(80):
            nested = [nested]
        self.nested_ = nested
        self.n_ = 3
        return self
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkerClient]:
    source = Path(tmp_path_factory.mktemp("proxy")) / "model.py"
    source.write_text(MODULE)
    worker = WorkerClient(WorkerConfig(module="model", source=source, call_timeout=20))
    yield worker
    worker.close()


def test_fit_returns_the_same_handle(client: WorkerClient) -> None:
    model = client.module.Model(k=3)
    assert isinstance(model, RemoteObject)
    assert same_object(model.fit(np.ones((2, 2))), model)
    np.testing.assert_array_equal(model.mean_, [1.0, 1.0])
    assert model.k == 3


def test_equality_on_a_handle_is_identity_never_the_candidates_eq(client: WorkerClient) -> None:
    first, second = client.module.Model(), client.module.Model()
    assert first != second
    assert first != 42


def test_generators_are_iterated_in_the_worker(client: WorkerClient) -> None:
    folds = list(client.module.Model().folds(3))
    assert [index for _, index in folds] == [0, 1, 2]
    assert isinstance(folds[2][0], np.ndarray)


def test_candidate_exceptions_keep_their_builtin_type_and_message(client: WorkerClient) -> None:
    with pytest.raises(ValueError, match="bad x=3") as caught:
        client.module.fails(3)
    assert isinstance(caught.value, CandidateRaised)
    assert "line" in caught.value.location


def test_not_implemented_and_missing_names_are_named(client: WorkerClient) -> None:
    with pytest.raises(NotImplementedFault, match="not implemented"):
        client.module.todo()
    with pytest.raises(MissingName, match="defines no `nothing_here`"):
        client.module.nothing_here  # noqa: B018


X4 = np.array([[0.0], [1.0], [2.0], [3.0]])
Y4 = np.array([0, 0, 1, 1])


def test_trusted_objects_stay_in_the_judge_and_candidate_code_uses_a_stand_in(client: WorkerClient) -> None:
    from sklearn.linear_model import LogisticRegression

    assert client.module.use(Trusted("sklearn.linear_model.LogisticRegression", (), {}), X4, Y4) == 1.0
    judge_side = LogisticRegression()
    assert client.module.use(judge_side, X4, Y4) == 1.0
    assert hasattr(judge_side, "coef_"), "the judge's own object was fitted"
    assert client.module.fit_returns_the_same_object(judge_side, X4, Y4) is True
    assert same_object(client.module.peek(judge_side, "fit"), judge_side.fit) is False  # a bound method
    assert client.module.peek(judge_side, "C") == 1.0


def test_a_deep_copy_of_a_stand_in_is_a_fresh_judge_side_copy(client: WorkerClient) -> None:
    from sklearn.linear_model import LogisticRegression

    original = LogisticRegression()
    assert client.module.deep_copies(original, X4, Y4) == (False, True, False)
    assert not hasattr(original, "coef_")


@pytest.mark.parametrize("name", ["_validate_params", "__dict__", "_get_param_names"])
def test_only_public_names_of_a_stand_in_are_reachable(client: WorkerClient, name: str) -> None:
    from sklearn.linear_model import LogisticRegression

    with pytest.raises(AttributeError):
        client.module.peek(LogisticRegression(), name)


def test_dunder_names_resolve_on_the_workers_own_stand_in_class(client: WorkerClient) -> None:
    from sklearn.linear_model import LogisticRegression

    klass = client.module.peek(LogisticRegression(), "__class__")
    assert isinstance(klass, RemoteObject) and klass._type == "type"


def test_calling_a_stand_ins_class_builds_a_new_judge_side_object(client: WorkerClient) -> None:
    from sklearn.linear_model import LogisticRegression

    original = LogisticRegression(C=0.5)
    twin = client.module.clone_by_class(original)
    assert isinstance(twin, LogisticRegression) and twin is not original and twin.C == 0.5


def test_a_stand_in_cannot_be_written_to(client: WorkerClient) -> None:
    from sklearn.linear_model import LogisticRegression

    judge_side = LogisticRegression()
    with pytest.raises(AttributeError, match="read-only"):
        client.module.assign(judge_side, "C", 5.0)
    assert judge_side.C == 1.0


def test_a_spy_journal_is_kept_by_the_judge_and_cannot_be_replaced(client: WorkerClient) -> None:
    from grader.testing.spies import SpyEstimator

    spy = SpyEstimator(inner="sklearn.linear_model.LinearRegression")
    client.module.use(spy, X4, Y4.astype(float))
    assert [record["event"] for record in spy.journal_] == ["fit", "score"]
    with pytest.raises(TypeError, match="journal"):
        client.module.forge_journal(spy, client.module.Model())
    assert [record["event"] for record in spy.journal_] == ["fit", "score"]


def test_a_trusted_splitter_is_iterated_through_its_stand_in(client: WorkerClient) -> None:
    from sklearn.model_selection import KFold

    folds = client.module.splits(KFold(2), np.zeros((4, 1)))
    assert folds == [([2, 3], [0, 1]), ([0, 1], [2, 3])]


def test_the_judge_may_call_candidate_code_while_serving_a_callback(client: WorkerClient) -> None:
    from sklearn.pipeline import Pipeline

    pipeline = Pipeline([("double", client.module.Double())])
    np.testing.assert_array_equal(client.module.through(pipeline, np.ones((2, 2))), np.full((2, 2), 2.0))


def test_a_few_folds_come_in_one_round_trip_and_an_error_is_raised_where_it_happened(
    client: WorkerClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    ops: list[str] = []
    request = client.request

    def counted(op: str, **fields: Any) -> Any:
        ops.append(op)
        return request(op, **fields)

    monkeypatch.setattr(client, "request", counted)
    numbered = client.module.numbered
    ops.clear()
    assert list(numbered(5, -1)) == [0, 1, 2, 3, 4]
    assert ops == ["call", "next_many"], "iter() and the length hint of a generator cost no round trip"
    with pytest.raises(TypeError, match="has no len"):
        len(numbered(2, -1))
    items = client.module.numbered(5, 3)
    assert [next(items), next(items), next(items)] == [0, 1, 2]
    with pytest.raises(ValueError, match="item 3 is broken"):
        next(items)


def test_an_endless_generator_stops_at_the_item_budget(client: WorkerClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("grader.grading.proxy.MAX_ITEMS_PER_ITERATOR", 50)
    client.new_check()
    with pytest.raises(ResourceExceeded, match="more than 50 items"):
        list(client.module.endless())


def test_held_data_is_passed_by_handle(client: WorkerClient) -> None:
    X = np.arange(6.0).reshape(3, 2)
    assert client.module.held(client.hold(X)) == 15.0


def test_worker_calls_run_numpy_inside_the_worker(client: WorkerClient) -> None:
    model = client.module.Model().fit(np.array([[1.0, 2.0]]))
    shifted = client.worker_call("numpy.apply_along_axis", (model.shift, 1, np.array([[2.0, 2.0]])), {})
    np.testing.assert_array_equal(shifted, [[1.0, 0.0]])
    with pytest.raises(CandidateCrashed, match="not allowed"):
        client.worker_call("os.system", ("true",), {})


def test_handles_from_a_dead_worker_fail_plainly(client: WorkerClient) -> None:
    model = client.module.Model()
    with pytest.raises(CandidateCrashed, match="exited with status 0"):
        client.module.exits()
    with pytest.raises(CandidateCrashed, match="lost when the candidate's process was restarted"):
        model.fit(np.ones((1, 1)))
    assert client.module.Model(k=5).k == 5


def test_cpu_time_is_read_from_the_operating_system(client: WorkerClient) -> None:
    before = client.cpu_seconds()
    client.module.Model().fit(np.ones((2_000_000, 4)))
    assert client.cpu_seconds() > before


@pytest.fixture
def round_trips(client: WorkerClient, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the attribute reads of candidate objects (not its module) that went to the worker."""
    sent: list[str] = []
    request = client.request

    def counted(op: str, **fields: Any) -> Any:
        if op == "getattr" and fields.get("target") != 0:
            sent.append(str(fields.get("name")))
        return request(op, **fields)

    monkeypatch.setattr(client, "request", counted)
    return sent


def test_plain_attributes_come_back_with_the_call_that_set_them(client: WorkerClient, round_trips: list[str]) -> None:
    model = client.module.Model(k=3).fit(np.array([[1.0, 2.0], [3.0, 4.0]]))
    first = model.mean_
    np.testing.assert_array_equal(first, [2.0, 3.0])
    assert model.k == 3
    first[0] = 99.0  # each read is a copy of its own, as a round trip's would be
    np.testing.assert_array_equal(model.mean_, [2.0, 3.0])
    assert round_trips == []


def test_properties_custom_lookup_and_large_arrays_are_read_from_the_worker(
    client: WorkerClient, round_trips: list[str]
) -> None:
    lazy = client.module.Lazy().fit([1, 2, 3])
    assert lazy.seen_ == 3 and lazy.total_ == 30  # a property runs candidate code: read in the worker
    assert client.module.Shadowed().fit().score_ == 7
    assert client.module.Custom().value_ == 2
    assert client.module.Counter().big_.shape == (100_000,)
    assert round_trips == ["total_", "score_", "value_", "big_"]


def test_any_later_call_makes_the_judge_read_attributes_afresh(client: WorkerClient) -> None:
    counter = client.module.Counter().bump()
    assert counter.count_ == 1
    client.module.bump_all()
    assert counter.count_ == 101


class FitsTheCandidatesModel:
    """A judge-side object whose last act is a call into candidate code (a nested request)."""

    def __init__(self, model: Any) -> None:
        self.model = model

    def fit(self, X: Any) -> FitsTheCandidatesModel:
        self.model.fit(X)
        return self


def test_attributes_sent_along_with_a_nested_call_are_not_kept(client: WorkerClient) -> None:
    double = client.module.Double()
    client.module.fit_through_then_mark(FitsTheCandidatesModel(double), double, np.ones((2, 2)))
    assert double.fitted_ == "changed after the nested call"


def test_an_attribute_too_deep_for_the_wire_is_not_sent_along_and_the_call_succeeds(
    client: WorkerClient, round_trips: list[str]
) -> None:
    deep = client.module.Deep().fit()
    assert deep.n_ == 3 and round_trips == []
    assert client.module.Model(k=4).k == 4  # the worker is still the same one


def test_an_in_process_session_builds_trusted_objects_at_once_until_it_closes(tmp_path: Path) -> None:
    from sklearn.model_selection import KFold

    from grader.grading.plugin import InProcessSession
    from grader.testing.checks import trusted

    session = InProcessSession(module_path=tmp_path / "model.py", module_name="model")
    assert isinstance(trusted("sklearn.model_selection.KFold", 3), KFold)
    session.close()
    assert isinstance(trusted("sklearn.model_selection.KFold", 3), Trusted)


def test_an_in_process_session_runs_a_notebooks_cells_and_skips_the_one_that_raises(tmp_path: Path) -> None:
    # --isolation none used to hand the cells file to importlib, which cannot load it: every notebook
    # submission was "a broken grading suite" in-process (found timing the sample, 2026-12-06).
    from grader.grading.notebook import cells_file
    from grader.grading.plugin import InProcessSession

    notebook = tmp_path / "model.ipynb"
    cells = [
        ("code", "VALUE = 7\n"),
        ("code", "raise ValueError('half-finished cell')\n"),
        ("code", "TWICE = 2 * VALUE\n"),
    ]
    notebook.write_text(
        json.dumps(
            {
                "nbformat": 4,
                "nbformat_minor": 5,
                "metadata": {},
                "cells": [
                    {
                        "cell_type": kind,
                        "id": str(i),
                        "metadata": {},
                        "source": text,
                        "outputs": [],
                        "execution_count": None,
                    }
                    for i, (kind, text) in enumerate(cells)
                ],
            }
        )
    )
    path, _ = cells_file(notebook, tmp_path / "cells.json")
    session = InProcessSession(module_path=path, module_name="model", kind="cells")
    try:
        assert session.module.VALUE == 7 and session.module.TWICE == 14
        assert any("cell 2 raised ValueError" in note for note in session.notes), session.notes
    finally:
        session.close()


def test_an_in_process_session_reports_a_module_that_fails_to_import_as_the_worker_does(tmp_path: Path) -> None:
    from grader.core.errors import CandidateImportFailed
    from grader.grading.plugin import InProcessSession

    source = tmp_path / "model.py"
    source.write_text("VALUE = 1 / 0\n")
    session = InProcessSession(module_path=source, module_name="model")
    try:
        for _ in range(2):  # every use fails the same way, without running the module again
            with pytest.raises(CandidateImportFailed, match="ZeroDivisionError"):
                session.module  # noqa: B018 - the read is the test
        assert session.import_error is not None and "ZeroDivisionError" in session.import_error
    finally:
        session.close()


def test_a_launched_worker_runs_nothing_of_the_candidates_until_first_used(tmp_path: Path) -> None:
    source = tmp_path / "noisy.py"
    source.write_text("import sys\nprint('module imported', file=sys.stderr, flush=True)\nVALUE = 7\n")
    client = WorkerClient(WorkerConfig(module="noisy", source=source, call_timeout=20))
    try:
        client.launch()
        launched = client._process
        assert launched is not None
        time.sleep(1.0)  # ample time for a start that ran the module too early to print
        assert "module imported" not in client.output.text()
        assert client.module.VALUE == 7
        assert client._process is launched, "the launched process is the one set up, not a second one"
        deadline = time.monotonic() + 5
        while "module imported" not in client.output.text() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "module imported" in client.output.text()
    finally:
        client.close()
