"""A proposal's stances over time: rows per organisation, the divergence between
commissioners and providers spelled out, and the timeline picture
(docs/decisions/0125-agenda-pages.md)."""

import datetime as dt
from dataclasses import dataclass, field
from html import escape

from markupsafe import Markup

from pathfinder.agendas import stances
from pathfinder.core.iso_dates import long_date
from pathfinder.organisations.models import COMMISSIONER_KINDS, PROVIDER_KINDS

STANCE_STYLE = {  # fill, text colour on it
    "support": ("#007f3b", "#ffffff"),
    "oppose": ("#d5281b", "#ffffff"),
    "neutral": ("#4c6272", "#ffffff"),
    "undecided": ("#ffb81c", "#212b32"),
}
STANCE_LABEL = {
    "support": "Support",
    "oppose": "Oppose",
    "neutral": "Neutral",
    "undecided": "Undecided",
}
SIDES = ("Commissioners", "Providers", "Local authorities", "Clinical senates", "Others")
ONE_OF = {
    "Commissioners": "commissioner",
    "Providers": "provider",
    "Local authorities": "local authority",
    "Clinical senates": "clinical senate",
    "Others": "other",
}


def side_of(kind: str) -> str:
    if kind in COMMISSIONER_KINDS:
        return "Commissioners"
    if kind in PROVIDER_KINDS:
        return "Providers"
    if kind == "local_authority":
        return "Local authorities"
    if kind == "clinical_senate":
        return "Clinical senates"
    return "Others"


@dataclass(frozen=True)
class Stated:
    """One position as the page shows it."""

    stated_on: dt.date
    stance: str
    by_body: str  # the body's name, or ""
    by_senate: bool
    rationale: str


@dataclass
class OrgRow:
    code: str
    name: str
    kind: str
    side: str
    history: list[Stated] = field(default_factory=list)  # oldest first, on or before D
    later: int = 0  # positions stated after D

    @property
    def side_one(self) -> str:
        return ONE_OF[self.side]

    @property
    def current(self) -> str:
        return self.history[-1].stance if self.history else ""


@dataclass
class ProposalView:
    rows: list[OrgRow]
    result: stances.ProposalResult
    advice: list[tuple[OrgRow, Stated]]  # positions given through a clinical senate
    supporters: dict[str, list[OrgRow]]  # side -> orgs whose stance is "support"
    opposers: dict[str, list[OrgRow]]


def proposal_view(proposal_id: str, positions, as_at: dt.date) -> ProposalView:
    """`positions` are Position rows of one proposal with `org` and `by_body` loaded."""
    facts = stances.Facts(proposals=[proposal_id])
    rows: dict[str, OrgRow] = {}
    for p in sorted(positions, key=lambda p: (p.stated_on, p.pk)):
        row = rows.get(p.org_id)
        if row is None:
            row = rows[p.org_id] = OrgRow(p.org_id, p.org.name, p.org.kind, side_of(p.org.kind))
        facts.org_kinds[p.org_id] = p.org.kind
        facts.positions.append(stances.Position(proposal_id, p.org_id, p.stance, p.stated_on, p.pk))
        if p.stated_on > as_at:
            row.later += 1
            continue
        senate = p.by_body is not None and p.by_body.kind == "senate"
        row.history.append(
            Stated(
                p.stated_on,
                p.stance,
                p.by_body.name if p.by_body else "",
                senate or p.org.kind == "clinical_senate",
                p.rationale,
            )
        )
    (result,) = stances.analyse(facts, as_at)
    ordered = sorted(rows.values(), key=lambda r: (SIDES.index(r.side), r.name))
    advice = [(r, s) for r in ordered for s in r.history if s.by_senate]
    supporters: dict[str, list[OrgRow]] = {}
    opposers: dict[str, list[OrgRow]] = {}
    for r in ordered:
        if r.current == "support":
            supporters.setdefault(r.side, []).append(r)
        elif r.current == "oppose":
            opposers.setdefault(r.side, []).append(r)
    return ProposalView(ordered, result, advice, supporters, opposers)


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    out = []
    d = dt.date(start.year, start.month, 1)
    while d <= end:
        if d >= start:
            out.append(d)
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


def timeline_svg(rows: list[OrgRow], as_at: dt.date, title: str) -> Markup:
    """Each organisation a lane; each stance a bar from the day stated to the next stance
    (or the as-at date), labelled with the stance, so colour is never the only cue."""
    shown = [r for r in rows if r.history]
    start = min(s.stated_on for r in shown for s in r.history)
    end = max(as_at, start + dt.timedelta(days=30))
    label_w, right, lane_h, gap, top = 260, 40, 30, 8, 30
    width = 900
    plot_w = width - label_w - right
    span = (end - start).days or 1

    def x(d: dt.date) -> float:
        return label_w + plot_w * (d - start).days / span

    height = top + len(shown) * (lane_h + gap) + 50
    body = []
    months = _months(start, end)
    step = max(1, len(months) // 10)
    for i, m in enumerate(months):
        if i % step:
            continue
        body.append(
            f'<line x1="{x(m):.1f}" x2="{x(m):.1f}" y1="{top - 6}" '
            f'y2="{top + len(shown) * (lane_h + gap)}" stroke="#d8dde0"/>'
        )
        body.append(
            f'<text x="{x(m):.1f}" y="{top - 10}" text-anchor="middle" fill="#4c6272">'
            f"{m:%b %Y}</text>"
        )
    for i, r in enumerate(shown):
        y0 = top + i * (lane_h + gap)
        name = r.name if len(r.name) <= 34 else r.name[:33] + "…"
        body.append(
            f'<text x="{label_w - 10}" y="{y0 + lane_h * 0.65:.0f}" text-anchor="end" '
            f'fill="#212b32">{escape(name)}</text>'
        )
        for k, s in enumerate(r.history):
            until = r.history[k + 1].stated_on if k + 1 < len(r.history) else end
            x0, x1 = x(s.stated_on), max(x(until), x(s.stated_on) + 3)
            fill, ink = STANCE_STYLE.get(s.stance, ("#aeb7bd", "#212b32"))
            body.append(
                f'<rect x="{x0:.1f}" y="{y0}" width="{x1 - x0:.1f}" height="{lane_h}" '
                f'fill="{fill}" stroke="#ffffff"/>'
            )
            label = STANCE_LABEL.get(s.stance, s.stance)
            if x1 - x0 > 8 * len(label):
                body.append(
                    f'<text x="{x0 + 6:.1f}" y="{y0 + lane_h * 0.65:.0f}" fill="{ink}" '
                    f'font-weight="bold">{escape(label)}</text>'
                )
    y = top + len(shown) * (lane_h + gap) + 24
    lx = label_w
    for stance, label in STANCE_LABEL.items():
        fill, _ = STANCE_STYLE[stance]
        body.append(f'<rect x="{lx}" y="{y - 12}" width="16" height="16" fill="{fill}"/>')
        body.append(f'<text x="{lx + 22}" y="{y + 1}" fill="#212b32">{label}</text>')
        lx += 40 + 8 * len(label)
    desc = (
        f"{len(shown)} organisations, one lane each, from {long_date(start)} to "
        f"{long_date(end)}; each bar is a stance from the day it was stated until the next. "
        "The same stances are listed below."
    )
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        'role="img" aria-labelledby="stance-timeline-t stance-timeline-d" class="pf-chart" '
        'font-family="Frutiger W01, Arial, sans-serif" font-size="12">',
        f'<title id="stance-timeline-t">{escape(title)}</title>',
        f'<desc id="stance-timeline-d">{escape(desc)}</desc>',
        *body,
        "</svg>",
    ]
    return Markup("".join(svg))  # noqa: S704 - every text above is escaped
