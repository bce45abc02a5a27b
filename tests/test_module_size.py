"""No module of the application is over 400 lines (migrations aside): a module that
grows past that is split by topic (docs/decisions/0167-module-size.md)."""

from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "pathfinder"
LIMIT = 400


def line_counts() -> dict[str, int]:
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if "migrations" in rel.parts:
            continue
        out[rel.as_posix()] = len(path.read_text(encoding="utf-8").splitlines())
    return out


def test_no_module_is_over_the_limit():
    counts = line_counts()
    assert counts, "no modules found under src/pathfinder"
    over = {name: n for name, n in counts.items() if n > LIMIT}
    assert not over, f"modules over {LIMIT} lines; split them by topic: {over}"
