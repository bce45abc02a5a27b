"""What an area reaches on D, each in one recursive query: the organisations below a
root, and the lines of accountability the area's analysis can depend on.

RULES.md §1 judges a subject by where its lines lead: its chain to a top, whether it
reaches a top at all, the cycle it lies on. All of that is found by following lines
from subject to holder, so an area needs only the lines of the nodes reachable that way
from its own (docs/decisions/0085). Both queries are plain `WITH RECURSIVE`, which
SQLite and PostgreSQL run alike; `UNION` (not `UNION ALL`) makes them stop on cycles.
"""

import datetime as dt
from collections.abc import Collection


def _in_force(alias: str) -> str:
    return f"{alias}.valid_from <= %s AND ({alias}.valid_to IS NULL OR {alias}.valid_to >= %s)"


def _placeholders(values: Collection) -> str:
    return ", ".join(["%s"] * len(values))


def below(as_at: dt.date, root: str, kinds: Collection[str]) -> set[str]:
    """`root` and every organisation below it on D along relationships of `kinds`."""
    from django.db import connection

    from pathfinder.organisations.models import Organisation, Relationship

    q = connection.ops.quote_name
    day = connection.ops.adapt_datefield_value(as_at)
    kinds = sorted(kinds)
    sql = f"""
        WITH RECURSIVE tree(code) AS (
            SELECT o.{q("code")} FROM {q(Organisation._meta.db_table)} o
            WHERE o.{q("code")} = %s
            UNION
            SELECT r.{q("child_id")} FROM {q(Relationship._meta.db_table)} r
            JOIN tree ON r.{q("parent_id")} = tree.code
            WHERE r.{q("kind")} IN ({_placeholders(kinds)}) AND {_in_force("r")}
        )
        SELECT code FROM tree
    """  # noqa: S608 - names are the models' own, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [root, *kinds, day, day])
        return {code for (code,) in cursor.fetchall()}


def reach_lines(
    as_at: dt.date, seeds: Collection[str], area: Collection[str], carrying: Collection[str]
) -> list[tuple]:
    """The lines in force on D (by id), as `(id, subject, holder, kind, scope)`, whose
    subject is reachable, following lines of the `carrying` kinds from subject to holder,
    from:

    - `seeds`, the references whose findings or chains are wanted;
    - the subjects of lines held by a reference of `area`, and the holders of lines of
      any kind whose subject is in `area` (the map draws both ends of those lines).

    Every node so reached has all its lines read, so the chain, reach and cycle of each
    are those of the whole structure.
    """
    from django.db import connection

    from pathfinder.governance.models import AccountabilityLine

    q = connection.ops.quote_name
    day = connection.ops.adapt_datefield_value(as_at)
    table = q(AccountabilityLine._meta.db_table)
    subject, holder = q("subject"), q("holder")
    seeds, area, carrying = sorted(seeds), sorted(area), sorted(carrying)
    if not seeds and not area:
        return []
    seeds_in = _placeholders(seeds) if seeds else "NULL"
    area_in = _placeholders(area) if area else "NULL"
    sql = f"""
        WITH RECURSIVE reach(node) AS (
            SELECT a.{subject} FROM {table} a
            WHERE {_in_force("a")} AND (a.{subject} IN ({seeds_in}) OR a.{holder} IN ({area_in}))
            UNION
            SELECT b.{holder} FROM {table} b
            WHERE {_in_force("b")} AND b.{subject} IN ({area_in})
            UNION
            SELECT c.{holder} FROM {table} c JOIN reach ON c.{subject} = reach.node
            WHERE {_in_force("c")} AND c.{q("kind")} IN ({_placeholders(carrying)})
        )
        SELECT d.{q("id")}, d.{subject}, d.{holder}, d.{q("kind")}, d.{q("scope")}
        FROM {table} d
        WHERE {_in_force("d")} AND d.{subject} IN (SELECT node FROM reach)
        ORDER BY d.{q("id")}
    """  # noqa: S608 - names are the models' own, values are parameters
    params = [day, day, *seeds, *area, day, day, *area, day, day, *carrying, day, day]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
