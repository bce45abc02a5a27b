"""House rule enforced by code: an action that changes an existing row takes the version
the row was read at and passes it on, so no edit can lose another's change
(docs/decisions/0144-no-lost-updates.md). Jobs that change rows they read themselves
are listed by name."""

import ast

from tests.test_architecture import SRC

CHANGES = {"update", "end", "end_row"}
# Jobs, not people's forms: an upload's own progress and queueing, a board pack's build
# steps, the demo accounts' reset, a load keeping its package's reference date.
JOBS = {
    "packages/actions.py": {"keep_reference_date"},
    "finance/actions.py": {"process", "_load", "_queue", "requeue_stale_uploads"},
    "reports/actions.py": {"_queue", "_finish", "_fail", "_requeue"},
    "core/accounts.py": {"ensure_demo_accounts"},
}
# One-way changes of state, not edits of a row's fields: each locks the row and refuses
# unless it is still in the state it leaves (an issued pack is never issued again, a
# deactivated account never deactivated again, a role is replaced only by another).
TRANSITIONS = {
    "reports/actions.py": {"issue"},
    "core/accounts_actions.py": {"grant_role", "deactivate"},
}


def _changes_a_row(fn: ast.FunctionDef, *, unversioned: bool = False) -> list[int]:
    """Lines calling `actions.update/end/end_row` (only those without `expected_version=`
    when `unversioned`)."""
    lines = []
    for node in ast.walk(fn):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in CHANGES
            and ast.unparse(node.func.value) == "actions"
        ):
            passed = any(k.arg == "expected_version" for k in node.keywords)
            if not (unversioned and passed):
                lines.append(node.lineno)
    return lines


def _passes_the_version(fn: ast.FunctionDef) -> bool:
    args = fn.args.args + fn.args.kwonlyargs
    names = {a.arg for a in args if a.arg.startswith("expected_version")}
    if not names:
        return False
    used = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name)}
    return bool(names & used)


def offenders() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if "migrations" in rel or rel == "core/actions.py":
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef):
                continue
            if fn.name in JOBS.get(rel, set()) | TRANSITIONS.get(rel, set()):
                continue
            lines = _changes_a_row(fn, unversioned=True)
            if lines and not _passes_the_version(fn):
                found.append(f"{rel}:{lines[0]}: {fn.name}() changes a row without a version")
    return found


def test_every_change_of_a_row_carries_the_version_it_was_read_at():
    found = offenders()
    assert found == [], "take expected_version= and pass it on:\n" + "\n".join(found)


def test_the_rule_sees_the_edits():
    # the rule is not vacuous: these change rows, and pass their version on
    seen = set()
    for rel in ("risks/actions.py", "governance/actions.py", "support/actions.py"):
        tree = ast.parse((SRC / rel).read_text())
        seen |= {
            f.name for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and _changes_a_row(f)
        }
    assert {"end_item", "complete_action", "end_row", "mark_attendance"} <= seen


def test_every_exempted_function_exists():
    # an exemption outliving its function would hide a new one of the same name
    for rel in JOBS.keys() | TRANSITIONS.keys():
        names = JOBS.get(rel, set()) | TRANSITIONS.get(rel, set())
        tree = ast.parse((SRC / rel).read_text())
        defined = {fn.name for fn in ast.walk(tree) if isinstance(fn, ast.FunctionDef)}
        assert names <= defined, f"{rel}: {sorted(names - defined)} no longer defined"
