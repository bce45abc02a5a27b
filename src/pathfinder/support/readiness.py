"""Readiness assessments: the latest rating per domain and each domain's trajectory,
and the grid picture of the latest ratings (docs/decisions/0123-readiness-picture.md)."""

import datetime as dt
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from pathfinder.reports.charts import Series, line_chart

# The six domains of the 2012 authorisation framework, in its order; other domains
# follow in name order.
DOMAIN_LABELS = {
    "clinical-focus": "Clinical focus",
    "engagement": "Engagement",
    "qipp-plans": "Credible QIPP plans",
    "governance": "Governance",
    "collaboration": "Collaboration",
    "leadership": "Leadership",
}
RATING_LABELS = {1: "Not yet", 2: "Partly met", 3: "Mostly met", 4: "Fully met"}
# Fill and text colour per rating; the number is printed in every cell, so colour is
# never the only cue.
RATING_STYLE = {
    1: ("#d5281b", "#ffffff"),
    2: ("#ffb81c", "#212b32"),
    3: ("#78be20", "#212b32"),
    4: ("#007f3b", "#ffffff"),
}
MISSING_STYLE = ("#e8edee", "#4c6272")


@dataclass(frozen=True)
class Rating:
    org: str
    framework: str
    domain: str
    assessed_on: dt.date
    rating: int
    evidence: str


def domain_label(domain: str) -> str:
    return DOMAIN_LABELS.get(domain, domain.replace("-", " ").replace("_", " ").capitalize())


def domain_order(domains) -> list[str]:
    known = [d for d in DOMAIN_LABELS if d in domains]
    return known + sorted(d for d in domains if d not in DOMAIN_LABELS)


def load_ratings(org_codes, as_at: dt.date) -> list[Rating]:
    """Assessments of the given organisations made on or before D (one query)."""
    from pathfinder.support.models import Assessment

    rows = (
        Assessment.objects.filter(org_id__in=org_codes, assessed_on__lte=as_at)
        .order_by("org_id", "framework", "assessed_on", "domain")
        .values_list("org_id", "framework", "domain", "assessed_on", "rating", "evidence")
    )
    return [Rating(*r) for r in rows]


def current_framework(ratings: list[Rating], wanted: str = "") -> str:
    """The framework asked for if assessed, else the one assessed most recently."""
    frameworks = {r.framework for r in ratings}
    if wanted in frameworks:
        return wanted
    if not ratings:
        return ""
    return max(ratings, key=lambda r: (r.assessed_on, r.framework)).framework


def latest(ratings: list[Rating], framework: str) -> dict[tuple[str, str], Rating]:
    """(org, domain) -> the latest rating of that framework."""
    out: dict[tuple[str, str], Rating] = {}
    for r in sorted(ratings, key=lambda r: r.assessed_on):
        if r.framework == framework:
            out[(r.org, r.domain)] = r
    return out


@dataclass(frozen=True)
class Trajectory:
    dates: list[dt.date]
    domains: list[str]
    ratings: dict[str, list[int | None]]  # domain -> rating on each date (None: not assessed)


def trajectory(ratings: list[Rating], org: str, framework: str) -> Trajectory:
    mine = [r for r in ratings if r.org == org and r.framework == framework]
    dates = sorted({r.assessed_on for r in mine})
    domains = domain_order({r.domain for r in mine})
    at = {(r.domain, r.assessed_on): r.rating for r in mine}
    return Trajectory(
        dates=dates,
        domains=domains,
        ratings={d: [at.get((d, day)) for day in dates] for d in domains},
    )


def trajectory_chart(t: Trajectory, org_name: str) -> Markup:
    from pathfinder.core.jinja import long_date

    return line_chart(
        title=f"Readiness ratings of {org_name} by domain over time",
        desc=(
            f"Ratings from 1 (not yet) to 4 (fully met) on {len(t.dates)} assessment dates, "
            f"one line per domain: {', '.join(domain_label(d) for d in t.domains)}. "
            "The same figures are in the table below."
        ),
        x_labels=[long_date(d) for d in t.dates],
        series=[Series(domain_label(d), tuple(t.ratings[d])) for d in t.domains],
        height=340,
    )


def grid_svg(orgs: list[tuple[str, str]], domains: list[str], cells: dict) -> Markup:
    """Organisations down, domains across, each cell the latest rating (number and colour).

    `orgs` is [(code, name)], `cells` maps (code, domain) to a Rating."""
    label_w, cell_w, cell_h, head_h, gap = 250, 104, 34, 44, 4
    width = label_w + len(domains) * (cell_w + gap)
    height = head_h + len(orgs) * (cell_h + gap) + 40
    body = []
    for j, d in enumerate(domains):
        x = label_w + j * (cell_w + gap) + cell_w / 2
        words = domain_label(d).split(" ")
        lines = [" ".join(words[:2]), " ".join(words[2:])] if len(words) > 2 else [*words]
        if len(lines) == 2 and len(domain_label(d)) <= 14:
            lines = [domain_label(d)]
        for k, line in enumerate(lines):
            y = head_h - 10 - (len(lines) - 1 - k) * 14
            body.append(
                f'<text x="{x:.0f}" y="{y}" text-anchor="middle" fill="#212b32" '
                f'font-weight="bold">{escape(line)}</text>'
            )
    for i, (code, name) in enumerate(orgs):
        y0 = head_h + i * (cell_h + gap)
        label = name if len(name) <= 36 else name[:35] + "…"
        body.append(
            f'<text x="{label_w - 10}" y="{y0 + cell_h * 0.65:.0f}" text-anchor="end" '
            f'fill="#212b32">{escape(label)}</text>'
        )
        for j, d in enumerate(domains):
            x0 = label_w + j * (cell_w + gap)
            r = cells.get((code, d))
            fill, ink = RATING_STYLE.get(r.rating, MISSING_STYLE) if r else MISSING_STYLE
            text = str(r.rating) if r else "–"
            body.append(
                f'<rect x="{x0}" y="{y0}" width="{cell_w}" height="{cell_h}" fill="{fill}" '
                f'stroke="#ffffff"/>'
            )
            body.append(
                f'<text x="{x0 + cell_w / 2:.0f}" y="{y0 + cell_h * 0.65:.0f}" '
                f'text-anchor="middle" fill="{ink}" font-weight="bold">{text}</text>'
            )
    y = head_h + len(orgs) * (cell_h + gap) + 18
    x = label_w
    for rating, label in RATING_LABELS.items():
        fill, ink = RATING_STYLE[rating]
        body.append(f'<rect x="{x}" y="{y - 12}" width="18" height="18" fill="{fill}"/>')
        body.append(
            f'<text x="{x + 9}" y="{y + 2}" text-anchor="middle" fill="{ink}" '
            f'font-size="11">{rating}</text>'
        )
        body.append(f'<text x="{x + 24}" y="{y + 2}" fill="#212b32">{escape(label)}</text>')
        x += 34 + 7 * len(label)
    desc = (
        f"{len(orgs)} organisations down and {len(domains)} domains across; each cell holds "
        "the latest rating from 1 (not yet) to 4 (fully met), or a dash where not assessed. "
        "The same figures are in the table below."
    )
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="readiness-grid-t readiness-grid-d" class="pf-chart" '
        f'font-family="Frutiger W01, Arial, sans-serif" font-size="13">',
        '<title id="readiness-grid-t">Latest readiness ratings by domain</title>',
        f'<desc id="readiness-grid-d">{escape(desc)}</desc>',
        *body,
        "</svg>",
    ]
    return Markup("".join(svg))  # noqa: S704 - every text above is escaped
