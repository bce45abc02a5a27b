"""The accountability graph of RULES.md §1: tops, subjects in scope, chains to a top,
cycles, and the statutory body accountable for an organisation (used by §6 and §4).

Nodes are references (`org:CODE`, `body:ID`, `function:ID`); an edge goes from a
line's subject to its holder for every line in force of kind `accountable` or
`delegated`. All functions here are pure over `Facts`.
"""

from collections import defaultdict

from pathfinder.core.refs import ref
from pathfinder.governance.accountability.facts import Facts

IN_SCOPE_ORG_KINDS = frozenset({"cluster", "consortium", "support_unit", "sector_board"})
BOARD = "board"


def tops(facts: Facts) -> set[str]:
    """Statutory organisations open on D, and the boards of those organisations."""
    statutory = {o.code for o in facts.orgs.values() if o.statutory and o.open}
    found = {ref("org", code) for code in statutory}
    found |= {
        ref("body", b.body_id)
        for b in facts.bodies.values()
        if b.kind == BOARD and b.org in statutory
    }
    return found


def in_scope(facts: Facts, top_refs: set[str] | None = None) -> list[str]:
    """The subjects whose accountability must be clear on D, sorted."""
    top_refs = tops(facts) if top_refs is None else top_refs
    open_orgs = {o.code for o in facts.orgs.values() if o.open}
    subjects = [
        ref("org", o.code)
        for o in facts.orgs.values()
        if o.open and o.kind in IN_SCOPE_ORG_KINDS and not o.statutory
    ]
    subjects += [
        r
        for b in facts.bodies.values()
        if b.org in open_orgs and (r := ref("body", b.body_id)) not in top_refs
    ]
    subjects += [
        ref("function", f.function_id) for f in facts.functions.values() if f.org in open_orgs
    ]
    return sorted(subjects)


def edges(facts: Facts) -> dict[str, set[str]]:
    """Subject → holders over the lines that carry accountability."""
    out: dict[str, set[str]] = defaultdict(set)
    for line in facts.lines:
        if line.carries_accountability:
            out[line.subject].add(line.holder)
    return out


def chains(graph: dict[str, set[str]], top_refs: set[str]) -> dict[str, tuple[str, ...]]:
    """Every node's chain: its shortest path to a top. Among equally short paths, the
    one ending at the smaller top, then the one whose references compare smaller
    element by element. Tops are their own one-element chain.

    One breadth-first sweep backwards from all tops at once: a node's best chain is
    itself followed by the best chain of one of its holders one step nearer a top, so
    choosing the smallest (top, chain) among those holders gives the rule's answer.
    """
    holders_of: dict[str, set[str]] = defaultdict(set)
    for subject, holders in graph.items():
        for holder in holders:
            holders_of[holder].add(subject)
    best: dict[str, tuple[str, ...]] = {t: (t,) for t in top_refs}
    frontier = list(top_refs)
    while frontier:
        found: dict[str, tuple[str, ...]] = {}
        for node in frontier:
            tail = best[node]
            for subject in holders_of.get(node, ()):
                if subject in best:
                    continue
                chain = (subject, *tail)
                current = found.get(subject)
                if current is None or (chain[-1], chain) < (current[-1], current):
                    found[subject] = chain
        best.update(found)
        frontier = list(found)
    return best


def on_cycles(graph: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """Each node on a directed cycle → the nodes of its strongly connected component
    (one shared set per component)."""
    found: dict[str, frozenset[str]] = {}
    for nodes in strongly_connected(graph):
        if len(nodes) > 1 or any(n in graph.get(n, ()) for n in nodes):
            component = frozenset(nodes)
            for node in component:
                found[node] = component
    return found


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Kosaraju's two passes, iteratively (chains can be longer than Python's stack).
    Written out rather than imported: the graph library's import alone costs more than
    the whole analysis on a national register."""
    nodes = sorted(set(graph) | {h for hs in graph.values() for h in hs})
    order: list[str] = []
    seen: set[str] = set()
    for root in nodes:
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(sorted(graph.get(root, ()))))]
        while stack:
            node, children = stack[-1]
            for child in children:
                if child not in seen:
                    seen.add(child)
                    stack.append((child, iter(sorted(graph.get(child, ())))))
                    break
            else:
                stack.pop()
                order.append(node)
    backwards: dict[str, list[str]] = defaultdict(list)
    for subject, holders in graph.items():
        for holder in holders:
            backwards[holder].append(subject)
    components = []
    assigned: set[str] = set()
    for root in reversed(order):
        if root in assigned:
            continue
        assigned.add(root)
        component, stack = [], [root]
        while stack:
            node = stack.pop()
            component.append(node)
            for prev in backwards.get(node, ()):
                if prev not in assigned:
                    assigned.add(prev)
                    stack.append(prev)
        components.append(component)
    return components


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    """The nodes reachable from `start` (not counting itself unless on a cycle)."""
    seen: set[str] = set()
    stack = list(graph.get(start, ()))
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(graph.get(node, ()))
    return seen


def organisation_of_top(facts: Facts, top: str) -> str | None:
    kind, _, ident = top.partition(":")
    if kind == "org":
        return ident
    body = facts.bodies.get(ident) if kind == "body" else None
    return body.org if body else None


def statutory_body(
    facts: Facts, org_code: str, chain_map: dict[str, tuple[str, ...]] | None = None
) -> str | None:
    """The statutory body accountable for an organisation on D: the organisation itself
    when statutory, else the organisation of the top ending its chain; None when its
    chain reaches no top."""
    org = facts.orgs.get(org_code)
    if org is not None and org.statutory:
        return org_code
    if chain_map is None:
        chain_map = chains(edges(facts), tops(facts))
    chain = chain_map.get(ref("org", org_code))
    return organisation_of_top(facts, chain[-1]) if chain else None
