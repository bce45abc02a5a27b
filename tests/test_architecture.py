"""House rules enforced by code: views, API routes and commands never write to models
directly; writes go through actions (docs/decisions/0003-audit.md)."""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "pathfinder"
WRITE_METHODS = {
    "create",
    "bulk_create",
    "update",
    "bulk_update",
    "delete",
    "save",
    "get_or_create",
    "update_or_create",
}


def front_doors():
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if "migrations" in rel.parts:
            continue
        name = path.stem
        if (
            name.startswith("views")
            or rel.parts[0] == "api"
            or name in ("cli", "serve")
            or name.startswith("cli_")
            or "management" in rel.parts
        ):
            yield path


def writes_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr = node.func
            if attr.attr in WRITE_METHODS and _looks_like_model_write(attr.value):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: .{attr.attr}()")
    return found


def _looks_like_model_write(target: ast.expr) -> bool:
    """`X.objects.create(...)`, `qs.update(...)` on a manager chain, `obj.save()`."""
    text = ast.unparse(target)
    return ".objects" in text or text.endswith("_set") or text in {"obj", "instance"}


def test_there_are_front_doors_to_check():
    assert any(p.name == "cli.py" for p in front_doors())


def test_front_doors_write_only_through_actions():
    offenders = [w for p in front_doors() for w in writes_in(p)]
    assert offenders == [], "write through an actions module instead:\n" + "\n".join(offenders)
