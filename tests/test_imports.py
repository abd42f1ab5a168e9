"""The package imports cleanly and its imports run one way: no cycles, layers only downwards."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import sitroom

PACKAGE = Path(sitroom.__file__).parent


def _modules() -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    found = {"sitroom": PACKAGE / "__init__.py"}
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="sitroom."):
        relative = info.name.split(".")[1:]
        path = PACKAGE.joinpath(*relative)
        found[info.name] = path / "__init__.py" if info.ispkg else path.with_suffix(".py")
    return found


MODULES = _modules()


def _imported(name: str, path: Path) -> set[str]:
    """The package's modules that `name` imports at module level (not inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in tree.body:  # module level only: imports inside functions are deferred
        if isinstance(node, ast.Import):
            targets |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.add(submodule if submodule in MODULES else base)
    return {t for t in targets if t in MODULES and t != name}


GRAPH = {name: _imported(name, path) for name, path in MODULES.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in `graph` (module -> modules it imports), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = 2
        return None

    for name in sorted(graph):
        if name not in state and (found := visit(name)):
            return found
    return None


def test_every_module_imports_in_a_fresh_interpreter():
    code = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    result = subprocess.run(
        [sys.executable, "-c", code, *sorted(MODULES)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_no_import_cycle():
    cycle = _cycle(GRAPH)
    assert cycle is None, " -> ".join(cycle or [])


def test_the_walk_finds_a_cycle_when_there_is_one():
    graph = {name: set(targets) for name, targets in GRAPH.items()}
    importer = next(name for name in sorted(graph) if graph[name])
    graph[min(graph[importer])].add(importer)  # make one import go both ways
    assert _cycle(graph) is not None


# Layers from the bottom up: a module may import its own layer and the layers below it only.
# Folders not listed here (a new layer) are not checked until they are given a place.
LAYERS = [
    {"records", "extensions"},
    {"lang", "ontology", "knowledge"},
    {"options", "ingest", "store", "formats"},
    {"extract"},
    {"pipeline"},
    {"runners", "stories"},
    {"evaluation", "api", "web", "cli"},
]
RANK = {layer: rank for rank, layers in enumerate(LAYERS) for layer in layers}


def _layer(module: str) -> str:
    return module.split(".")[1] if "." in module else "sitroom"


def test_imports_run_one_way_down_the_layers():
    upward = [
        f"{name} imports {target}"
        for name, targets in sorted(GRAPH.items())
        for target in sorted(targets)
        if _layer(name) in RANK
        and _layer(target) in RANK
        and RANK[_layer(target)] > RANK[_layer(name)]
    ]
    assert upward == []
