"""Rows of a risk register, the heat map and the Board Assurance Framework, shaped for
pages, downloads and the API from the one assessment (`risks.assessment`).

Every function reads a fixed number of queries whatever the number of risks: the
assessment's set-based loads, owners' names read with the risks.
"""

import datetime as dt
from dataclasses import dataclass

from pathfinder.risks.assessment import analyse, baf_threshold, load_facts
from pathfinder.risks.matrix import Matrix, matrix_of
from pathfinder.risks.models import RiskCategory

CATEGORY_LABELS = dict(RiskCategory.choices)
# Fill and text colours of the bands, lowest first; text contrast is at least 4.5:1.
BAND_COLOURS = (
    ("#007f3b", "#ffffff"),
    ("#ffeb3b", "#212b32"),
    ("#ed8b00", "#212b32"),
    ("#d5281b", "#ffffff"),
    ("#8a1538", "#ffffff"),
    ("#330072", "#ffffff"),
)


@dataclass(frozen=True)
class RiskRow:
    risk_id: str
    org: str
    title: str
    category: str
    category_label: str
    owner_id: str | None
    owner: str
    inherent_score: int
    inherent_band: str
    current_likelihood: int
    current_consequence: int
    current_score: int
    current_band: str
    target_score: int | None
    target_band: str
    last_reviewed: dt.date | None
    review_due: dt.date
    review_overdue: bool
    escalates: bool
    baf_of: str | None
    inconsistent: bool


def rows_for(org_codes, as_at: dt.date, with_baf: bool = False, risk_ids=None) -> list[RiskRow]:
    """The open risks of the organisations on D, assessed, sorted by reference."""
    facts = load_facts(as_at, org_codes, with_structure=with_baf, risk_ids=risk_ids)
    out = []
    for a in analyse(facts, as_at, baf_threshold(), with_baf=with_baf):
        r, m = a.risk, a.matrix
        target = r.target_score
        out.append(
            RiskRow(
                risk_id=r.risk_id,
                org=r.org,
                title=r.title,
                category=r.category,
                category_label=CATEGORY_LABELS.get(r.category, r.category),
                owner_id=r.owner,
                owner=r.owner_name,
                inherent_score=r.inherent_score,
                inherent_band=m.band(r.inherent_score),
                current_likelihood=r.current_likelihood,
                current_consequence=r.current_consequence,
                current_score=a.current_score,
                current_band=a.band,
                target_score=target,
                target_band=m.band(target) if target else "",
                last_reviewed=r.last_reviewed,
                review_due=a.review_due,
                review_overdue=a.review_overdue,
                escalates=a.escalate_to_baf,
                baf_of=a.baf_of,
                inconsistent=a.inconsistent_scores,
            )
        )
    return out


def filter_rows(rows: list[RiskRow], params) -> list[RiskRow]:
    """Apply the register's filters: q, category, band, likelihood, consequence, status."""
    q = (params.get("q") or "").strip().lower()
    category = params.get("category") or ""
    band = params.get("band") or ""
    status = params.get("status") or ""
    lik = _int(params.get("likelihood"))
    con = _int(params.get("consequence"))
    out = []
    for r in rows:
        if q and q not in r.title.lower() and q not in r.risk_id.lower():
            continue
        if category and r.category != category:
            continue
        if band and r.current_band != band:
            continue
        if lik and r.current_likelihood != lik:
            continue
        if con and r.current_consequence != con:
            continue
        if status == "overdue" and not r.review_overdue:
            continue
        if status == "escalated" and not r.escalates:
            continue
        out.append(r)
    return out


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= 5 else None


@dataclass(frozen=True)
class Cell:
    likelihood: int
    consequence: int
    score: int
    band: str
    count: int
    fill: str
    text: str
    x: int
    y: int


@dataclass(frozen=True)
class HeatMap:
    matrix: Matrix
    cells: list[Cell]  # likelihood 5 (top row) down to 1, consequence 1 to 5
    total: int

    def rows(self) -> list[list[Cell]]:
        return [self.cells[i : i + 5] for i in range(0, 25, 5)]


CELL = 96
LEFT, TOP = 150, 20


def heat_map(rows: list[RiskRow], matrix: Matrix) -> HeatMap:
    counts: dict[tuple[int, int], int] = {}
    for r in rows:
        key = (r.current_likelihood, r.current_consequence)
        counts[key] = counts.get(key, 0) + 1
    cells = []
    for row, lik in enumerate(range(5, 0, -1)):
        for col, con in enumerate(range(1, 6)):
            score = lik * con
            fill, text = BAND_COLOURS[min(matrix.band_index(score), len(BAND_COLOURS) - 1)]
            cells.append(
                Cell(
                    lik,
                    con,
                    score,
                    matrix.band(score),
                    counts.get((lik, con), 0),
                    fill,
                    text,
                    LEFT + col * CELL,
                    TOP + row * CELL,
                )
            )
    return HeatMap(matrix, cells, len(rows))


def register_matrix(org_code: str) -> Matrix:
    return matrix_of(org_code)
