"""The proxy makes candidate objects feel local while only data crosses the boundary."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from grader.errors import CandidateCrashed, CandidateRaised, MissingName, NotImplementedFault
from grader.proxy import RemoteObject, Trusted, WorkerClient, WorkerConfig, same_object

MODULE = '''
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
'''


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkerClient]:
    source = Path(tmp_path_factory.mktemp("proxy")) / "model.py"
    source.write_text(MODULE)
    worker = WorkerClient(WorkerConfig(module="model", source=source, call_timeout=20,
                                       preload=("sklearn.linear_model",)))
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


def test_trusted_objects_and_bound_methods_cross_as_references(client: WorkerClient) -> None:
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array([0, 0, 1, 1])
    assert client.module.use(Trusted("sklearn.linear_model.LogisticRegression", (), {}), X, y) == 1.0
    model = client.module.Model().fit(np.array([[1.0, 2.0]]))
    shifted = client.build("numpy.apply_along_axis", (model.shift, 1, np.array([[2.0, 2.0]])), {})
    np.testing.assert_array_equal(shifted, [[1.0, 0.0]])


def test_handles_from_a_dead_worker_fail_plainly(client: WorkerClient) -> None:
    model = client.module.Model()
    with pytest.raises(CandidateCrashed, match="exited with status 0"):
        client.module.exits()
    with pytest.raises(CandidateCrashed, match="lost when the candidate's process was restarted"):
        model.fit(np.ones((1, 1)))
    assert client.module.Model(k=5).k == 5


def test_local_objects_cannot_be_sent(client: WorkerClient) -> None:
    with pytest.raises(TypeError, match="cannot send a object"):
        client.module.fails(object())
