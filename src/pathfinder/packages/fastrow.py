"""A per-table row function for loading: the good rows of a big file, fast.

`compile_row` writes and compiles one small function per table and header that takes
a row's cells and returns its database values when every cell is good, or None. It
checks the same things as the cell types and reference checks, with no method calls per
cell; it may be stricter, never looser. A row it returns None for is checked again cell
by cell by the loader, which reports each problem, so what is accepted and what is
reported do not depend on it: it only makes the common case cheap.
"""

import datetime as dt
import re

from pathfinder.packages import types as t

CODE = re.compile(r"[A-Za-z0-9_.-]{1,32}").fullmatch
INTEGER = re.compile(r"-?[0-9]+").fullmatch
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fullmatch
MONEY_LIMIT = 10**15  # pence, as types.Money
DATE_CACHE_MAX = 100_000


def compile_row(header: list[str], table, run):
    """The row function for `table` read with `header` (a validated header)."""
    columns = table.columns
    pos = {c.name: i for i, c in enumerate(columns)}
    env: dict = {"CODE": CODE, "INTEGER": INTEGER, "LIMIT": MONEY_LIMIT}
    env["BOOLS"] = {"true": True, "false": False}
    dates: set[str] = set()
    env["DATES"] = dates

    def date_ok(text: str) -> bool:
        if not DATE(text):
            return False
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return False
        if len(dates) < DATE_CACHE_MAX:
            dates.add(text)
        return True

    env["date_ok"] = date_ok
    cells = [f"c{i}" for i in range(len(header))]
    lines = [
        "def row(cells):",
        f"    if len(cells) != {len(header)}:",
        "        return None",
        f"    {', '.join(cells)}, = cells",
    ]
    values = []
    for p, col in enumerate(columns):
        env[f"D{p}"] = col.default
        values.append(f"D{p}")
    for i, name in enumerate(header):
        p = pos[name]
        col = columns[p]
        x, v = f"c{i}", f"v{p}"
        values[p] = v
        code, rejects_empty = _cell(col, x, v, p, env, run)
        if col.required:
            if not rejects_empty:
                lines += [f"    if not {x}:", "        return None"]
            lines += [f"    {line}" for line in code]
        else:
            lines += [f"    if not {x}:", f"        {v} = D{p}", "    else:"]
            lines += [f"        {line}" for line in code]
    lines.append(f"    return [{', '.join(values)}]")
    exec(compile("\n".join(lines), f"<row function for {table.name}>", "exec"), env)  # noqa: S102
    return env["row"]


def _cell(col, x: str, v: str, p: int, env: dict, run) -> tuple[list[str], bool]:
    """Lines that set `v` from the text in `x`, or return None from the row; and whether
    those lines already reject an empty cell."""
    typ = col.type
    out: list[str] = []
    if type(typ) is t.Code and col.refers:
        # Known keys are all valid codes, so being one of them is the whole check.
        env[f"R{p}"] = _known(col.refers, run)
        return [f"if {x} not in R{p}:", "    return None", f"{v} = {x}"], True
    if type(typ) is t.Code:
        out += [f"if not CODE({x}):", "    return None", f"{v} = {x}"]
    elif type(typ) is t.Text:
        out += [f"if len({x}) > {int(typ.max_length)}:", "    return None", f"{v} = {x}"]
    elif type(typ) is t.Enum:
        env[f"E{p}"] = frozenset(typ.choices)
        out += [f"if {x} not in E{p}:", "    return None", f"{v} = {x}"]
    elif type(typ) is t.Bool:
        out += [f"{v} = BOOLS.get({x})", f"if {v} is None:", "    return None"]
    elif type(typ) is t.Date:
        out += [f"if {x} not in DATES and not date_ok({x}):", "    return None", f"{v} = {x}"]
    elif type(typ) is t.Money:
        # The pattern -?[0-9]+(\.[0-9]{1,2})? with string methods (ASCII digits only),
        # twice as fast as the regular expression; more than 13 digits of pounds is
        # over the limit, and left to the cell-by-cell check to report.
        out += [
            f"w_, d_, f_ = {x}.partition('.')",
            "n_ = w_[:1] == '-'",
            "if n_:",
            "    w_ = w_[1:]",
            f"if not (w_.isdigit() and len(w_) <= 13 and {x}.isascii()):",
            "    return None",
            "if d_:",
            "    if not (0 < len(f_) < 3 and f_.isdigit()):",
            "        return None",
            f"    {v} = int(w_ + f_) * (10 if len(f_) == 1 else 1)",
            "else:",
            f"    {v} = int(w_) * 100",
            "if n_:",
            f"    {v} = -{v}",
            f"if {v} >= LIMIT or {v} <= -LIMIT:",
            "    return None",
        ]
    elif type(typ) is t.Integer and (typ.lo is None or typ.hi is None):
        out += [f"if not INTEGER({x}):", "    return None", f"{v} = int({x})"]
        if typ.lo is not None:
            out += [f"if {v} < {int(typ.lo)}:", "    return None"]
        if typ.hi is not None:
            out += [f"if {v} > {int(typ.hi)}:", "    return None"]
    elif type(typ) is t.Integer:
        out += [
            f"if not INTEGER({x}):",
            "    return None",
            f"{v} = int({x})",
            f"if {v} < {int(typ.lo)} or {v} > {int(typ.hi)}:",
            "    return None",
        ]
    else:
        env[f"P{p}"] = typ.parse
        out += ["try:", f"    {v} = P{p}({x})", "except ValueError:", "    return None"]
    if isinstance(typ, t.Reference):
        env[f"REF{p}"] = _reference_check(typ, run)
        out += [f"if not REF{p}({v}):", "    return None"]
    elif col.refers:
        env[f"R{p}"] = _known(col.refers, run)
        if isinstance(typ, t.Codes):
            out += [f"for k_ in {v}.split(';'):", f"    if k_ not in R{p}:", "        return None"]
        else:
            out += [f"if {v} not in R{p}:", "    return None"]
    rejects_empty = type(typ) in (t.Code, t.Enum, t.Bool, t.Date, t.Money, t.Integer)
    return out, rejects_empty


def _known(table: str, run) -> frozenset:
    """Keys a reference to `table` may name: earlier in this package or in the database.

    Tables load after every table they refer to, so the set is complete when a table
    that refers to it starts; it is made once per load and table."""
    loaded = run.keys.get(table, ())
    cached = run.known_cache.get(table)
    if cached is not None and cached[0] == len(loaded):
        return cached[1]
    keys = frozenset(loaded) | frozenset(run.db_keys(table))
    known = frozenset(k for k in keys if isinstance(k, str) and CODE(k))
    run.known_cache[table] = (len(loaded), known)
    return known


def _reference_check(typ, run):
    known = {
        kind: None if isinstance(target, tuple) else _known(target, run)
        for kind, target in typ.kinds.items()
    }

    def check(value: str) -> bool:
        kind, _, ident = value.partition(":")
        keys = known[kind]
        return keys is None or ident in keys

    return check
