"""House rule enforced by code: every write to the database is in an actions module
(docs/decisions/0160-every-write-in-an-actions-module.md).

The checker parses every module of src/pathfinder except the actions modules, the
package loader's writers and the migrations, and flags each call of a write method
(create, bulk_create, update, bulk_update, delete, save, get_or_create, update_or_create)
on any receiver, and each shape of raw SQL (a cursor, execute/executemany, .raw(),
.extra(), RawSQL). Two receivers are plainly not a model and pass: a module imported from
an actions module (the call *is* the action), and a name that the same function only ever
binds to a dict, a set or a hash (`d = {}`, `seen = set()`, `h = hashlib.sha256()`).
Anything else that is not a write is named in ALLOWED, by file and function, with why.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

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
RAW_SQL_METHODS = {"cursor", "execute", "executemany", "raw", "extra"}
RAW_SQL_NAMES = {"RawSQL"}
PLAIN_CALLS = {"dict", "set", "frozenset", "Counter", "defaultdict", "OrderedDict"}
PLAIN_MODULES = {"hashlib"}

# The package loader writes rows in bulk by design (docs/decisions/0126); its modules are
# named here by pattern, not parsed.
LOADER_WRITERS = (
    "packages/loader*.py",
    "packages/parallel.py",
    "packages/parts.py",
    "packages/writers/*",
)
LOADER_WRITERS += ("packages/*write*.py",)

# "file::function": why this call is not a write that belongs in an actions module.
ALLOWED = {
    "core/audit.py::record": "the audit trail itself: every action calls it",
    "core/models.py::AuditEvent.save": "the model's own save refusing edits; callers are actions",
    "core/worker.py::mark_lost": (
        "job state in django-tasks-db's own table, which its worker writes unaudited on "
        "every task; this records a task whose worker died the way the library would"
    ),
    "core/backup.py::_sqlite_backup": "a pragma on the backup file's own connection",
    "core/backup.py::_sqlite_restore": "reads a backup file's schema version to check it",
    "core/downloads.py::xlsx_bytes": "openpyxl Workbook.save into a buffer, not the database",
    "core/jinja.py::environment": "Jinja environment globals and filters, a dict",
    "core/scope.py::organisations_below": "a read: a recursive query of the organisations below",
    "core/scope.py::Scope.org_codes_query": "a read: the same recursive query, as a subquery",
    "core/schema.py::_recorded_as_applied": "a read of django_migrations (is migrate needed?)",
    "governance/accountability/reach.py::below": "a read: a recursive query",
    "governance/accountability/reach.py::reach_lines": "a read: a recursive query",
    "reports/sections/__init__.py::Context.org_names": "a dict of names cached per pack",
}


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    where: str  # the enclosing function, Class.method, or "" at module level
    call: str

    @property
    def key(self) -> str:
        return f"{self.path}::{self.where}"

    def __str__(self) -> str:
        return f"{self.path}:{self.line} in {self.where or '<module>'}: {self.call}"


def _is_actions_module(name: str) -> bool:
    last = name.rsplit(".", 1)[-1]
    return last == "actions" or last.endswith("_actions")


def action_names(tree: ast.Module) -> set[str]:
    """Names this module binds to an actions module (`from pathfinder.x import actions`)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if _is_actions_module(alias.name):
                    names.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname and _is_actions_module(alias.name):
                    names.add(alias.asname)
    return names


def _plain_value(value: ast.expr | None) -> bool:
    """A dict, set or hash: built by a literal, a comprehension or a named constructor."""
    if isinstance(value, ast.Dict | ast.Set | ast.DictComp | ast.SetComp):
        return True
    if isinstance(value, ast.Call):
        f = value.func
        if isinstance(f, ast.Name):
            return f.id in PLAIN_CALLS
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
            return f.value.id in PLAIN_MODULES or f.attr in PLAIN_CALLS
    return False


def plain_names(scope: ast.AST) -> set[str]:
    """Names that `scope` (a function, or the module) binds only to a dict, set or hash."""
    plain: dict[str, bool] = {}
    for node in _own_nodes(scope):
        targets: list[tuple[ast.expr, ast.expr | None]] = []
        if isinstance(node, ast.Assign):
            targets = [(t, node.value) for t in node.targets]
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [(node.target, getattr(node, "value", None))]
        elif isinstance(node, ast.For | ast.With | ast.NamedExpr):
            targets = [(t, None) for t in _bound_by(node)]
        elif isinstance(node, ast.arguments):
            every = (*node.posonlyargs, *node.args, *node.kwonlyargs, node.vararg, node.kwarg)
            targets = [(ast.Name(a.arg), None) for a in every if a is not None]
        for target, value in targets:
            for name in _names_bound(target):
                ok = isinstance(node, ast.AugAssign) or _plain_value(value)
                plain[name] = plain.get(name, True) and ok
    return {name for name, ok in plain.items() if ok}


def _names_bound(target: ast.expr) -> list[str]:
    """`d = ...` and `a, d = ...` rebind d; `d[k] = ...` and `d.x = ...` do not."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [n for t in target.elts for n in _names_bound(t)]
    if isinstance(target, ast.Starred):
        return _names_bound(target.value)
    return []


def _bound_by(node) -> list[ast.expr]:
    if isinstance(node, ast.For):
        return [node.target]
    if isinstance(node, ast.NamedExpr):
        return [node.target]
    return [item.optional_vars for item in node.items if item.optional_vars is not None]


def _own_nodes(scope: ast.AST):
    """The nodes of `scope` outside the functions and classes nested in it."""
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            todo.extend(ast.iter_child_nodes(node))


class _Checker(ast.NodeVisitor):
    def __init__(self, path: str, tree: ast.Module):
        self.path = path
        self.actions = action_names(tree)
        self.stack: list[str] = []
        self.plain = [plain_names(tree)]
        self.found: list[Finding] = []

    def _scope(self, node, plain: bool):
        self.stack.append(node.name)
        self.plain.append(plain_names(node) if plain else self.plain[-1])
        self.generic_visit(node)
        self.plain.pop()
        self.stack.pop()

    def visit_FunctionDef(self, node):
        self._scope(node, plain=True)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        self._scope(node, plain=False)

    def _flag(self, node, call: str):
        self.found.append(Finding(self.path, node.lineno, ".".join(self.stack), call))

    def visit_Call(self, node: ast.Call):
        f = node.func
        if isinstance(f, ast.Attribute):
            if f.attr in WRITE_METHODS and not self._plainly_not_a_model(f.value):
                self._flag(node, f".{f.attr}() on {ast.unparse(f.value)[:60]}")
            elif f.attr in RAW_SQL_METHODS:
                self._flag(node, f"raw SQL: .{f.attr}() on {ast.unparse(f.value)[:60]}")
            elif f.attr in RAW_SQL_NAMES:
                self._flag(node, f"raw SQL: {f.attr}()")
        elif isinstance(f, ast.Name) and f.id in RAW_SQL_NAMES:
            self._flag(node, f"raw SQL: {f.id}()")
        self.generic_visit(node)

    def _plainly_not_a_model(self, receiver: ast.expr) -> bool:
        if _plain_value(receiver):
            return True
        if isinstance(receiver, ast.Name):
            return receiver.id in self.actions or receiver.id in self.plain[-1]
        return False


def writes_in_source(source: str, path: str = "example.py") -> list[Finding]:
    tree = ast.parse(source, filename=path)
    checker = _Checker(path, tree)
    checker.visit(tree)
    return checker.found


def checked_modules():
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if "migrations" in rel.parts or _is_actions_module(path.stem):
            continue
        if any(rel.match(pattern) for pattern in LOADER_WRITERS):
            continue
        yield path


def all_findings() -> list[Finding]:
    found = []
    for path in checked_modules():
        found += writes_in_source(path.read_text(), str(path.relative_to(SRC)))
    return found


def test_every_write_is_in_an_actions_module():
    offenders = [str(f) for f in all_findings() if f.key not in ALLOWED]
    assert offenders == [], "write through an actions module instead:\n" + "\n".join(offenders)


def test_every_allowance_still_names_a_call_it_allows():
    used = {f.key for f in all_findings()}
    assert sorted(set(ALLOWED) - used) == []


def test_the_check_reads_the_front_doors_and_the_analyses():
    checked = {str(p.relative_to(SRC)) for p in checked_modules()}
    assert {"cli.py", "finance/views.py", "risks/baf.py", "governance/attendance.py"} <= checked
    assert "finance/actions.py" not in checked
    assert "packages/loader.py" not in checked
    assert not any("migrations" in p for p in checked)


# The checker's own cases: each shape of write is caught wherever it is.

CAUGHT = {
    "update in a view": "def page(request):\n    Risk.objects.filter(pk=1).update(score=3)\n",
    "delete in an analysis": "def rows(qs):\n    for row in qs:\n        row.delete()\n",
    "create": "def f():\n    Risk.objects.create(title='x')\n",
    "bulk_create": "def f(rows):\n    Entry.objects.bulk_create(rows)\n",
    "bulk_update": "def f(rows):\n    Entry.objects.bulk_update(rows, ['a'])\n",
    "save": "def f(obj):\n    obj.title = 'x'\n    obj.save()\n",
    "get_or_create": "def f():\n    Person.objects.get_or_create(pk='P1')\n",
    "update_or_create": "def f():\n    Person.objects.update_or_create(pk='P1')\n",
    "a related manager": "def f(body):\n    body.members.all().delete()\n",
    "a queryset in a variable": "def f():\n    qs = Risk.objects.all()\n    qs.update(a=1)\n",
    "at module level": "Risk.objects.all().delete()\n",
    "cursor.execute": (
        "from django.db import connection\n"
        "def f():\n    with connection.cursor() as c:\n        c.execute('DELETE FROM x')\n"
    ),
    "executemany": "def f(c, rows):\n    c.executemany('INSERT INTO x VALUES (%s)', rows)\n",
    ".raw()": "def f():\n    return list(Risk.objects.raw('SELECT * FROM risks_risk'))\n",
    ".extra()": "def f():\n    return Risk.objects.extra(where=['1=1'])\n",
    "RawSQL": "def f():\n    return Risk.objects.annotate(n=RawSQL('SELECT 1', []))\n",
    "a dict later rebound": "def f(qs):\n    d = {}\n    d = qs\n    d.update(a=1)\n",
    "a name plain only elsewhere": "def g():\n    d = {}\ndef f(d):\n    d.update(a=1)\n",
    "beside an actions import": (
        "from pathfinder.core import actions\ndef f(qs):\n    qs.update(a=1)\n"
    ),
}


@pytest.mark.parametrize("shape", sorted(CAUGHT))
def test_the_checker_catches(shape):
    found = writes_in_source(CAUGHT[shape])
    assert len(found) >= 1, shape


@pytest.mark.parametrize(
    ("module", "added"),
    [
        (
            "finance/views.py",
            "def _sneak(request):\n    Budget.objects.filter(pk=1).update(amount=0)\n",
        ),
        ("risks/baf.py", "def _sneak(rows):\n    for row in rows:\n        row.delete()\n"),
    ],
)
def test_a_write_added_to_a_real_module_is_an_offender(module, added):
    source = (SRC / module).read_text() + "\n\n" + added
    offenders = [f for f in writes_in_source(source, module) if f.key not in ALLOWED]
    assert [(f.where, f.call.split(" on ")[0]) for f in offenders] == [
        ("_sneak", ".update()" if "update" in added else ".delete()")
    ]


def test_a_finding_names_the_file_line_and_function():
    (found,) = writes_in_source(CAUGHT["update in a view"], "risks/views.py")
    assert (found.path, found.line, found.where) == ("risks/views.py", 2, "page")
    assert found.key == "risks/views.py::page"
    assert ".update()" in found.call


def test_a_method_is_named_with_its_class():
    source = "class Pack:\n    def build(self):\n        self.rows.delete()\n"
    (found,) = writes_in_source(source)
    assert found.where == "Pack.build"


PASSES = {
    "a dict literal": "def f(x):\n    d = {}\n    d.update(x)\n",
    "a dict built by dict()": "def f(x):\n    d = dict(x)\n    d.update(x)\n",
    "a dict filled by key": "def f(x):\n    d = {}\n    d['a'] = x\n    d.update(x)\n",
    "a set": "def f(x):\n    seen = set()\n    seen.update(x)\n",
    "a hash": "import hashlib\ndef f(b):\n    h = hashlib.sha256()\n    h.update(b)\n",
    "a literal receiver": "def f(x):\n    return {**x}.update(a=1)\n",
    "a call of an actions module": (
        "from pathfinder.core import actions\ndef f(M):\n    actions.create(M, by='x')\n"
    ),
    "an aliased actions module": (
        "from pathfinder.risks import actions as risk_actions\n"
        "def f(r):\n    risk_actions.update(r, by='x')\n"
    ),
    "reads": "def f():\n    return Risk.objects.filter(a=1).values_list('pk').count()\n",
}


@pytest.mark.parametrize("shape", sorted(PASSES))
def test_the_checker_lets_pass(shape):
    assert writes_in_source(PASSES[shape]) == []
