"""Risk registers assessed as at a date (RULES.md §6): scores and bands on the NHS 5×5
matrix, overdue reviews, escalation to a Board Assurance Framework, and scores that
contradict each other.

`load_facts` reads the open risks and the accountability structure in a few queries;
`analyse` is pure; `report` gives the CLI.md JSON shape.
"""

import datetime as dt
from dataclasses import dataclass, field

from pathfinder.core.refs import ref
from pathfinder.governance.accountability_facts import Facts as Structure
from pathfinder.governance.accountability_graph import chains, edges, statutory_body, tops

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
        return self.opened <= d and (self.closed is None or d < self.closed)

    def review_due(self) -> dt.date:
        days = DEFAULT_REVIEW_DAYS if self.review_every_days is None else self.review_every_days
        return (self.last_reviewed or self.opened) + dt.timedelta(days=days)


@dataclass
class Facts:
    risks: list[Risk] = field(default_factory=list)
    structure: Structure = field(default_factory=Structure)


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


def analyse(facts: Facts, as_at: dt.date, threshold: int) -> list[Assessment]:
    s = facts.structure
    chain_map = chains(edges(s), tops(s))
    out = []
    for risk in sorted(facts.risks, key=lambda r: r.risk_id):
        if not risk.open_on(as_at):
            continue
        current = risk.current_score
        due = risk.review_due()
        out.append(
            Assessment(
                risk=risk,
                current_score=current,
                band=band(current),
                review_due=due,
                review_overdue=due < as_at,
                escalate_to_baf=current >= threshold,
                baf_of=statutory_body(s, risk.org, chain_map),
                inconsistent_scores=inconsistent(risk),
            )
        )
    return out


def load_facts(as_at: dt.date) -> Facts:
    from django.db.models import Q

    from pathfinder.governance.accountability_facts import load_structure
    from pathfinder.risks.models import Risk as RiskRow

    rows = (
        RiskRow.objects.filter(
            Q(opened__lte=as_at) & (Q(closed__isnull=True) | Q(closed__gt=as_at))
        )
        .order_by("risk_id")
        .values_list(
            "risk_id",
            "org_id",
            "inherent_likelihood",
            "inherent_consequence",
            "current_likelihood",
            "current_consequence",
            "target_likelihood",
            "target_consequence",
            "opened",
            "last_reviewed",
            "review_every_days",
            "closed",
            "title",
        )
    )
    return Facts(risks=[Risk(*row) for row in rows], structure=load_structure(as_at))


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
