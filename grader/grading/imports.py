"""Static scan of a candidate's source for imports the exercise does not allow.

Runs in the judge on the source text, never executing it. The worker's import guard catches what a
static scan cannot see (``importlib.import_module(name)`` with a computed name); together they make
the statement's rule, "NumPy and the standard library only", enforceable.
"""

from __future__ import annotations

import ast
import sys

_DYNAMIC_IMPORTERS = {"__import__", "import_module"}


def forbidden_imports(source: str, allowed: tuple[str, ...]) -> list[str]:
    """Top-level module names imported by ``source`` that are neither allowed nor standard library.

    Raises
    ------
    SyntaxError
        When ``source`` does not parse.
    """
    permitted = set(allowed) | set(sys.stdlib_module_names) | {"__future__"}
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        for name in _imported_names(node):
            top = name.partition(".")[0]
            if top and top not in permitted:
                found.add(top)
    return sorted(found)


def _imported_names(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        return [node.module or ""] if node.level == 0 else []
    if isinstance(node, ast.Call):
        function = node.func
        name = (
            function.id
            if isinstance(function, ast.Name)
            else (function.attr if isinstance(function, ast.Attribute) else "")
        )
        if name in _DYNAMIC_IMPORTERS and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                return [first.value]
    return []
