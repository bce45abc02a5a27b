"""Accountability as at a date (RULES.md §1), one module per concern.

Imports run one way only (docs/decisions/0163):

    reach → facts → graph, people → findings → area → rows, map, summary

`reach` holds the recursive queries; `facts` reads what is in force on D into plain
rows; `graph` and `people` are pure rules over those facts; `findings` puts them
together (`analyse`, `report` for the CLI); `area` narrows the answer to what a page
shows; `rows` and `map` describe it for people, `summary` counts a big area by its parts.
"""

from pathfinder.governance.accountability.area import Area, build_area, load_area
from pathfinder.governance.accountability.facts import (
    Facts,
    Finding,
    load_area_facts,
    load_facts,
    load_structure,
)
from pathfinder.governance.accountability.findings import (
    Result,
    analyse,
    report,
    scopes_overlap,
    statutory_body_for,
)

__all__ = [
    "Area",
    "Facts",
    "Finding",
    "Result",
    "analyse",
    "build_area",
    "load_area",
    "load_area_facts",
    "load_facts",
    "load_structure",
    "report",
    "scopes_overlap",
    "statutory_body_for",
]
