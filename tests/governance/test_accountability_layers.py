"""The accountability subpackage imports one way only (docs/decisions/0163)."""

import ast
from pathlib import Path

import pathfinder.governance.accountability as package

PACKAGE = "pathfinder.governance.accountability"
FOLDER = Path(package.__file__).parent
# Each module may import only modules on an earlier layer.
LAYERS = [
    ("reach",),
    ("facts",),
    ("graph", "people"),
    ("findings",),
    ("area",),
    ("rows", "map", "summary"),
]


def imports_of(path: Path) -> set[str]:
    """The subpackage's modules a file imports, wherever the import statement is."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith(PACKAGE + "."):
                found.add(node.module.removeprefix(PACKAGE + ".").split(".")[0])
            elif node.module == PACKAGE:
                found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(PACKAGE + "."):
                    found.add(alias.name.removeprefix(PACKAGE + ".").split(".")[0])
    return found


def graph() -> dict[str, set[str]]:
    return {p.stem: imports_of(p) for p in FOLDER.glob("*.py") if p.stem != "__init__"}


def test_every_module_has_a_layer():
    assert set(graph()) == {m for layer in LAYERS for m in layer}


def test_modules_import_only_earlier_layers():
    rank = {m: i for i, layer in enumerate(LAYERS) for m in layer}
    wrong = {
        (module, imported)
        for module, imported_set in graph().items()
        for imported in imported_set
        if rank[imported] >= rank[module]
    }
    assert wrong == set()


def test_import_graph_has_no_cycle():
    edges = graph()
    done: set[str] = set()

    def visit(node: str, path: tuple[str, ...]) -> None:
        assert node not in path, f"cycle: {' → '.join((*path, node))}"
        if node not in done:
            for nxt in edges.get(node, ()):
                visit(nxt, (*path, node))
            done.add(node)

    for node in edges:
        visit(node, ())


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        f"def f():\n    from {PACKAGE}.area import Area\n    from {PACKAGE} import map\n"
    )
    assert imports_of(module) == {"area", "map"}
