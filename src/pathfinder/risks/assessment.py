"""Risk registers assessed as at a date (RULES.md §6): scores and bands on the NHS 5×5
matrix, overdue reviews, escalation to a Board Assurance Framework, and scores that
contradict each other.

`load_facts` reads the open risks, their reviews, the organisations' matrices and the
accountability structure in a few queries; `analyse` is pure; `report` gives the CLI.md
JSON shape.

A risk's scores as at D are those of its latest review on or before D (its earliest when
all came later), else the package's row; a reviewed score keeps the band and threshold
of the matrix it was given under, an unreviewed one uses its organisation's current
matrix, else the NHS 5×5 (docs/decisions/0110, 0111).
"""

import datetime as dt
from dataclasses import dataclass, field

from pathfinder.core.effective import is_in_force
from pathfinder.core.refs import ref
from pathfinder.governance.accountability.facts import Facts as Structure
from pathfinder.governance.accountability.graph import chains, edges, statutory_body, tops
from pathfinder.risks.models import SCORE_FIELDS

DEFAULT_REVIEW_DAYS = 90
# Upper score of each band; a 5×5 matrix has no score of 7, 11, 13 or 14 (nor 17-19,
# 21-24), so "1-3, 4-6, 8-12, 15-25" splits cleanly at these edges.
BANDS = ((3, "low"), (6, "moderate"), (12, "high"), (25, "extreme"))


@dataclass(frozen=True)
class Risk:
    risk_id: str
    org: str
    inherent_likelihood: int
    inherent_consequence: int
    current_likelihood: int
    current_consequence: int
    target_likelihood: int | None
    target_consequence: int | None
    opened: dt.date
    last_reviewed: dt.date | None = None
    review_every_days: int | None = DEFAULT_REVIEW_DAYS
    closed: dt.date | None = None
    title: str = ""
    category: str = ""
    owner: str | None = None
    owner_name: str = ""  # for showing, read with the risk; no rule uses it
    # Set from the review giving the scores as at D: the matrix they were given under
    # (None: the NHS standard), and its band and threshold.
    reviewed: bool = False
    matrix_id: int | None = None
    band_name: str | None = None
    threshold: int | None = None

    @property
    def inherent_score(self) -> int:
        return score(self.inherent_likelihood, self.inherent_consequence)

    @property
    def current_score(self) -> int:
        return score(self.current_likelihood, self.current_consequence)

    @property
    def target_score(self) -> int | None:
        if self.target_likelihood is None or self.target_consequence is None:
            return None
        return score(self.target_likelihood, self.target_consequence)

    def open_on(self, d: dt.date) -> bool:
        return is_in_force(self.opened, self.closed, d, end_exclusive=True)

    def review_due(self) -> dt.date:
        days = DEFAULT_REVIEW_DAYS if self.review_every_days is None else self.review_every_days
        return (self.last_reviewed or self.opened) + dt.timedelta(days=days)


@dataclass
class Facts:
    risks: list[Risk] = field(default_factory=list)
    structure: Structure = field(default_factory=Structure)
    matrices: dict = field(default_factory=dict)  # org code -> its current Matrix
    versions: dict = field(default_factory=dict)  # matrix id -> Matrix, of the reviews used


@dataclass(frozen=True)
class Assessment:
    risk: Risk
    current_score: int
    band: str
    review_due: dt.date
    review_overdue: bool
    escalate_to_baf: bool
    baf_of: str | None
    inconsistent_scores: bool
    matrix: object = None  # the Matrix the current score is read on


def score(likelihood: int, consequence: int) -> int:
    return likelihood * consequence


def band(value: int) -> str:
    if value < 1:
        raise ValueError(f"a risk score is at least 1, not {value}")
    return next(name for top, name in BANDS if value <= top)


def inconsistent(risk: Risk) -> bool:
    """Current above inherent, or target above current."""
    target = risk.target_score
    return risk.current_score > risk.inherent_score or (
        target is not None and target > risk.current_score
    )


def matrix_for(facts: Facts, risk: Risk, standard):
    """The matrix a risk's current score is read on: its review's, else its
    organisation's current one, else the standard."""
    if risk.reviewed:
        found = facts.versions.get(risk.matrix_id) if risk.matrix_id is not None else None
        return found or standard
    return facts.matrices.get(risk.org, standard)


def analyse(
    facts: Facts, as_at: dt.date, threshold: int, with_baf: bool = True
) -> list[Assessment]:
    from pathfinder.risks.matrix import nhs_standard

    standard = nhs_standard(threshold)
    s = facts.structure
    chain_map = chains(edges(s), tops(s)) if with_baf else {}
    out = []
    for risk in sorted(facts.risks, key=lambda r: r.risk_id):
        if not risk.open_on(as_at):
            continue
        current = risk.current_score
        due = risk.review_due()
        matrix = matrix_for(facts, risk, standard)
        limit = risk.threshold if risk.threshold is not None else matrix.threshold
        out.append(
            Assessment(
                risk=risk,
                current_score=current,
                band=risk.band_name or matrix.band(current),
                review_due=due,
                review_overdue=due < as_at,
                escalate_to_baf=current >= limit,
                baf_of=statutory_body(s, risk.org, chain_map) if with_baf else None,
                inconsistent_scores=inconsistent(risk),
                matrix=matrix,
            )
        )
    return out


RISK_FIELDS = (
    "risk_id",
    "org_id",
    *SCORE_FIELDS,
    "opened",
    "last_reviewed",
    "review_every_days",
    "closed",
    "title",
    "category",
    "owner_id",
)


def open_on_q(as_at: dt.date, prefix: str = ""):
    from pathfinder.risks.models import Risk

    return Risk.in_force_q(as_at, prefix)


def reviews_as_at(as_at: dt.date, risk_filter) -> dict[str, tuple]:
    """For each risk matching `risk_filter` (a Q on RiskReview's risk), the review giving
    its scores on D: the latest on or before D, else the earliest. One query."""
    from pathfinder.risks.models import RiskReview

    chosen: dict[str, tuple] = {}
    rows = (
        RiskReview.objects.filter(risk_filter)
        .order_by("risk_id", "reviewed_on", "id")
        .values_list(
            "risk_id",
            "reviewed_on",
            "likelihood",
            "consequence",
            "target_likelihood",
            "target_consequence",
            "matrix_id",
            "band",
            "threshold",
        )
    )
    for row in rows:
        if row[0] not in chosen or row[1] <= as_at:
            chosen[row[0]] = row
    return chosen


def with_review(risk: Risk, review: tuple | None) -> Risk:
    if review is None:
        return risk
    from dataclasses import replace

    _, on, lik, con, t_lik, t_con, matrix_id, band_name, threshold = review
    has_target = t_lik is not None and t_con is not None
    return replace(
        risk,
        current_likelihood=lik,
        current_consequence=con,
        target_likelihood=t_lik if has_target else risk.target_likelihood,
        target_consequence=t_con if has_target else risk.target_consequence,
        last_reviewed=on,
        reviewed=True,
        matrix_id=matrix_id,
        band_name=band_name,
        threshold=threshold,
    )


def load_chain_structure(as_at: dt.date) -> Structure:
    """The structure a risk's statutory body is found on: the lines in force and the
    bodies, as `load_structure` reads them, and of the organisations only the statutory
    ones. Chains end at those and their boards (`tops`), and `statutory_body` asks no
    more of any other organisation than that it is not statutory, which an organisation
    not read is not: the same answers, without reading a national register's 9,000."""
    from pathfinder.governance.accountability.facts import Line, Org
    from pathfinder.governance.facts import body_rows
    from pathfinder.governance.models import AccountabilityLine
    from pathfinder.organisations.models import Organisation

    statutory = Organisation.objects.filter(statutory=True).values_list(
        "code", "kind", "statutory", "opened", "closed", "name"
    )
    lines = AccountabilityLine.objects.in_force(as_at).order_by("id")
    return Structure(
        orgs={c: Org(c, k, s, is_in_force(o, e, as_at), n) for c, k, s, o, e, n in statutory},
        bodies=body_rows(),
        lines=[Line(*row) for row in lines.values_list("id", "subject", "holder", "kind", "scope")],
    )


def load_facts(as_at: dt.date, org_codes=None, with_structure: bool = True, risk_ids=None) -> Facts:
    """Risks open on D (of the given organisations, or all: codes or a subquery of
    them, core.codes_table), with the scores of their reviews as at D: five queries with
    the structure, two without."""
    from django.db.models import Q

    from pathfinder.core.codes_table import in_value
    from pathfinder.risks.matrix import matrices_for, versions_by_id
    from pathfinder.risks.models import Risk as RiskRow

    where = open_on_q(as_at)
    on_review = open_on_q(as_at, "risk__")
    codes = None
    if org_codes is not None:
        codes = in_value(org_codes)
        where &= Q(org_id__in=codes)
        on_review &= Q(risk__org_id__in=codes)
    if risk_ids is not None:
        where &= Q(risk_id__in=list(risk_ids))
        on_review &= Q(risk_id__in=list(risk_ids))
    rows = (
        RiskRow.objects.filter(where).order_by("risk_id").values_list(*RISK_FIELDS, "owner__name")
    )
    reviews = reviews_as_at(as_at, on_review)
    risks = [
        with_review(Risk(*row[:-1], owner_name=row[-1] or ""), reviews.get(row[0])) for row in rows
    ]
    orgs = {r.org for r in risks}
    ids = {r.matrix_id for r in risks if r.matrix_id is not None}
    # A subquery of the organisations stays one: their risks' codes may be thousands.
    matrix_orgs = codes if hasattr(codes, "resolve_expression") else orgs
    return Facts(
        risks=risks,
        structure=load_chain_structure(as_at) if with_structure else Structure(),
        matrices=matrices_for(matrix_orgs) if orgs else {},
        versions=versions_by_id(ids) if ids else {},
    )


def baf_threshold() -> int:
    from django.conf import settings

    return int(settings.PATHFINDER.get("baf_threshold", 15))


def report(as_at: dt.date) -> dict:
    assessments = analyse(load_facts(as_at), as_at, baf_threshold())
    return {
        "as_at": as_at.isoformat(),
        "risks": [
            {
                "risk": ref("risk", a.risk.risk_id),
                "org": ref("org", a.risk.org),
                "title": a.risk.title,
                "current_score": a.current_score,
                "band": a.band,
                "inherent_score": a.risk.inherent_score,
                "target_score": a.risk.target_score,
                "review_due": a.review_due.isoformat(),
                "review_overdue": a.review_overdue,
                "escalate_to_baf": a.escalate_to_baf,
                "baf_of": None if a.baf_of is None else ref("org", a.baf_of),
                "inconsistent_scores": a.inconsistent_scores,
            }
            for a in assessments
        ],
    }
