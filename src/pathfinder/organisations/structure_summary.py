"""The structure of a big area at a summary level: the top levels of its tree (regions,
clusters, statutory bodies) drawn as boxes, each counting what lies below it, so a
national picture stays readable and each box opens its own part.

The levels drawn are the most, from the top, that stay within `SUMMARY_NODES` boxes;
organisations with nothing above or below them (trusts, providers, local authorities on
their own) are counted by kind rather than drawn. Pure over the rows `load_structure`
reads.
"""

from collections import Counter, defaultdict

from pathfinder.core.scope import BELOW_KINDS
from pathfinder.organisations.models import org_kind_label
from pathfinder.organisations.structure import BOX_H, Structure, build_structure

SUMMARY_NODES = 200  # past this many boxes an area opens at its summary
SUMMARY_BOX_H = BOX_H + 16  # room for the counts line

# How a count names each kind, short enough for a box: "3 PCTs, 5 consortia, 160 practices".
NOUNS = {
    "pct": ("PCT", "PCTs"),
    "cluster": ("PCT cluster", "PCT clusters"),
    "consortium": ("consortium", "consortia"),
    "ccg": ("CCG", "CCGs"),
    "icb": ("ICB", "ICBs"),
    "practice": ("practice", "practices"),
    "trust": ("NHS trust", "NHS trusts"),
    "sha": ("SHA", "SHAs"),
    "local_authority": ("local authority", "local authorities"),
}


def kind_label(kind: str, count: int) -> str:
    if kind in NOUNS:
        return NOUNS[kind][count != 1]
    label = org_kind_label(kind)
    label = label[0].lower() + label[1:]
    return label if count == 1 else label + "s"


def counted(kinds: Counter) -> str:
    """`Counter({"practice": 84, "pct": 3})` → "3 PCTs, 84 practices", by rank of kind."""
    from pathfinder.organisations.structure import KIND_RANK

    order = sorted(kinds, key=lambda k: (KIND_RANK.get(k, 99), k))
    return ", ".join(f"{kinds[k]} {kind_label(k, kinds[k])}" for k in order)


def _below(rels, open_orgs) -> dict[str, set[str]]:
    children: dict[str, set[str]] = defaultdict(set)
    for r in rels:
        if r.kind in BELOW_KINDS and r.parent_id in open_orgs and r.child_id in open_orgs:
            children[r.parent_id].add(r.child_id)
    return children


def _descendants(children: dict[str, set[str]], code: str) -> set[str]:
    seen: set[str] = set()
    stack = [code]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


def picture(open_orgs: dict, rels: list, codes: set[str], d, root=None) -> Structure:
    """The picture of the rows: the whole tree when small enough, else its summary."""
    big = len(open_orgs) > SUMMARY_NODES
    full = build_structure(open_orgs, rels, codes, d, root, with_edges=not big)
    shown = summarise(full, open_orgs, rels, codes, d, root)
    if shown is full and big:  # fewer boxes than rows after all: drawn whole
        return build_structure(open_orgs, rels, codes, d, root)
    return shown


def summarise(full: Structure, open_orgs: dict, rels: list, codes: set[str], d, root=None):
    """The summary of `full` (the whole picture of the same rows), or `full` itself when
    it is small enough to draw."""
    if full.count <= SUMMARY_NODES:
        return full
    children = _below(rels, open_orgs)
    by_depth: dict[int, list] = defaultdict(list)
    lone: Counter = Counter()

    def walk(node):
        if node.depth == 0 and not root and not children.get(node.code):
            lone[node.kind] += 1
            return
        by_depth[node.depth].append(node)
        for k in node.children:
            walk(k)

    for r in full.roots:
        walk(r)
    lone.update(n.kind for n in full.supports)
    keep: set[str] = set()
    for depth in sorted(by_depth):
        level = {n.code for n in by_depth[depth]}
        if keep and len(keep) + len(level) > SUMMARY_NODES:
            break
        keep |= level
    drawn = {c: o for c, o in open_orgs.items() if c in keep}
    drawn_rels = [
        r for r in rels if r.kind in BELOW_KINDS and r.child_id in keep and r.parent_id in keep
    ]
    summary = build_structure(drawn, drawn_rels, codes, d, root, box_h=SUMMARY_BOX_H)
    for node in _nodes(summary):
        below = _descendants(children, node.code)
        node.below = counted(Counter(open_orgs[c].kind for c in below)) if below else ""
    summary.summary = True
    summary.lone = [(kind_label(k, n), n) for k, n in sorted(lone.items())]
    summary.hidden = full.count - summary.count
    return summary


def _nodes(structure: Structure):
    out, stack = [], list(structure.roots)
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(node.children)
    return out


def trail(rels, open_orgs: dict, root: str) -> list:
    """The organisations above `root`, the furthest first, for breadcrumbs back up. Where
    it is below two (a PCT in a cluster and hosted by an SHA), the nearer kind is taken."""
    from pathfinder.organisations.structure import KIND_RANK

    parents: dict[str, list[str]] = defaultdict(list)
    for r in rels:
        if r.kind in BELOW_KINDS and r.parent_id in open_orgs:
            parents[r.child_id].append(r.parent_id)
    out: list[str] = []
    node = root
    while parents.get(node):
        ups = [p for p in parents[node] if p not in out and p != root]
        if not ups:
            break
        node = max(ups, key=lambda p: (KIND_RANK.get(open_orgs[p].kind, -1), p))
        out.append(node)
    return [open_orgs[c] for c in reversed(out)]


def part(open_orgs: dict, rels: list, root: str) -> tuple[dict, list]:
    """The rows of `root` and what lies below it, so a drilled-down area is laid out
    without the rest of the register."""
    area = _descendants(_below(rels, open_orgs), root) | {root}
    return {c: o for c, o in open_orgs.items() if c in area}, [
        r for r in rels if r.child_id in area
    ]
