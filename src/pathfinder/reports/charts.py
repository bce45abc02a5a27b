"""Server-rendered SVG charts: one code path for pages and the PDF board pack.

Each chart is an accessible image (role="img" with a title and description); pages
should also offer the figures as a table. Series are told apart by dash pattern and
marker as well as colour.
"""

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from markupsafe import Markup

PALETTE = ("#005eb8", "#ffb81c", "#007f3b", "#d5281b", "#330072", "#4c6272")
DASHES = ("", "6 4", "2 3", "10 3 2 3", "1 2", "8 2")
NICE = (1, 2, 2.5, 5, 10)


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple  # numbers or None (a gap), one per x label


def _num(v) -> float | None:
    if v is None:
        return None
    return float(v) if isinstance(v, Decimal | int | float) else float(str(v))


def nice_max(top: float) -> float:
    """The smallest 'round' number (1, 2, 2.5 or 5 × 10^n) at or above `top`."""
    if top <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(top))) - 1) if top >= 1 else 1
    while magnitude > top:
        magnitude /= 10
    for step in NICE:
        if step * magnitude >= top:
            return step * magnitude
    return 10 * magnitude


def short_number(v: float) -> str:
    a = abs(v)
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if a >= size:
            text = f"{v / size:.1f}".rstrip("0").rstrip(".")
            return f"{text}{suffix}"
    return f"{v:.0f}" if float(v).is_integer() else f"{v:.2f}"


def _frame(title: str, desc: str, width: int, height: int, body: list[str]) -> Markup:
    ident = "chart-" + str(abs(hash((title, desc))) % 10**8)
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{ident}-t {ident}-d" class="pf-chart" '
        f'font-family="Frutiger W01, Arial, sans-serif" font-size="12">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(desc)}</desc>',
        *body,
        "</svg>",
    ]
    return Markup("".join(svg))  # noqa: S704 - every text above is escaped


def line_chart(
    *,
    title: str,
    desc: str,
    x_labels: list[str],
    series: list[Series],
    width: int = 640,
    height: int = 300,
    y_prefix: str = "",
    reference: Series | None = None,
) -> Markup:
    """Lines over shared x labels; `reference` is drawn as a flat or stepped dashed line
    (e.g. a budget)."""
    left, right, top, bottom = 64, 16, 16, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    everything = [s for s in (*series, reference) if s is not None]
    values = [_num(v) for s in everything for v in s.values if v is not None]
    lo = min([0.0, *values])
    hi = nice_max(max([0.0, *values]) - lo) + lo if values else 1.0
    span = (hi - lo) or 1.0
    n = max(len(x_labels), 1)

    def x(i):
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v):
        return top + plot_h - (v - lo) / span * plot_h

    body = []
    for k in range(5):
        v = lo + span * k / 4
        body.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
            f'stroke="#d8dde0"/>'
        )
        body.append(
            f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" fill="#4c6272">'
            f"{escape(y_prefix + short_number(v))}</text>"
        )
    step = max(1, n // 12)
    for i, label in enumerate(x_labels):
        if i % step == 0:
            body.append(
                f'<text x="{x(i):.1f}" y="{top + plot_h + 18}" text-anchor="middle" '
                f'fill="#4c6272">{escape(label)}</text>'
            )
    drawn = [*series, *([reference] if reference else [])]
    for idx, s in enumerate(drawn):
        is_ref = s is reference
        colour = "#212b32" if is_ref else PALETTE[idx % len(PALETTE)]
        dash = "4 4" if is_ref else DASHES[idx % len(DASHES)]
        points, path = [], []
        for i, v in enumerate(s.values):
            fv = _num(v)
            if fv is None:
                if points:
                    path.append(points)
                points = []
                continue
            points.append((x(i), y(fv)))
        if points:
            path.append(points)
        for run in path:
            d = " ".join(f"{px:.1f},{py:.1f}" for px, py in run)
            body.append(
                f'<polyline points="{d}" fill="none" stroke="{colour}" stroke-width="2.5"'
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + "/>"
            )
            if not is_ref:
                body.extend(
                    f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>' for px, py in run
                )
    body.extend(_legend(drawn, reference, left, height - 20))
    return _frame(title, desc, width, height, body)


def _legend(drawn, reference, x0: int, y0: int) -> list[str]:
    out, x = [], x0
    for idx, s in enumerate(drawn):
        is_ref = s is reference
        colour = "#212b32" if is_ref else PALETTE[idx % len(PALETTE)]
        dash = "4 4" if is_ref else DASHES[idx % len(DASHES)]
        out.append(
            f'<line x1="{x}" x2="{x + 24}" y1="{y0}" y2="{y0}" stroke="{colour}" '
            f'stroke-width="2.5"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>"
        )
        out.append(f'<text x="{x + 30}" y="{y0 + 4}" fill="#212b32">{escape(s.name)}</text>')
        x += 40 + 7 * len(s.name)
    return out


def bar_chart(
    *,
    title: str,
    desc: str,
    bars: list[tuple[str, object]],
    width: int = 640,
    value_suffix: str = "",
    bar_height: int = 22,
    href: dict | None = None,
) -> Markup:
    """Horizontal bars, one per (label, value), each labelled with its value; `href` maps a
    label to a link."""
    label_w, right = 200, 70
    plot_w = width - label_w - right
    values = [_num(v) or 0.0 for _, v in bars]
    hi = nice_max(max([0.0, *values]))
    height = 16 + len(bars) * (bar_height + 8) + 8
    body = []
    for i, ((label, _), v) in enumerate(zip(bars, values, strict=True)):
        y0 = 16 + i * (bar_height + 8)
        w = plot_w * v / hi if hi else 0
        text = escape(label if len(label) <= 30 else label[:29] + "…")
        link = (href or {}).get(label)
        name = (
            f'<a href="{escape(link)}"><text x="{label_w - 8}" y="{y0 + bar_height * 0.7:.1f}" '
            f'text-anchor="end" fill="#005eb8">{text}</text></a>'
            if link
            else f'<text x="{label_w - 8}" y="{y0 + bar_height * 0.7:.1f}" text-anchor="end" '
            f'fill="#212b32">{text}</text>'
        )
        body.append(name)
        body.append(
            f'<rect x="{label_w}" y="{y0}" width="{w:.1f}" height="{bar_height}" '
            f'fill="{PALETTE[0]}"/>'
        )
        body.append(
            f'<text x="{label_w + w + 6:.1f}" y="{y0 + bar_height * 0.7:.1f}" '
            f'fill="#212b32">{escape(short_number(v) + value_suffix)}</text>'
        )
    return _frame(title, desc, width, height, body)


def month_label(month: str) -> str:
    """'2011-04' -> 'Apr 11'."""
    return f"{MONTHS[int(month[5:7]) - 1]} {month[2:4]}"


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def spend_chart(months: list[str], cumulative: list, budget, *, title: str) -> Markup:
    """Cumulative spend to each month's end against the year's budget (a flat line)."""
    from pathfinder.core.money import fmt_money

    last = next((v for v in reversed(cumulative) if v is not None), 0)
    return line_chart(
        title=f"Cumulative spend against budget, {title}",
        desc=(
            f"Spend to the end of each month, rising to £{fmt_money(last)}, "
            f"against a budget of £{fmt_money(budget)}."
        ),
        x_labels=[month_label(m) for m in months],
        series=[Series("Cumulative spend", tuple(cumulative))],
        reference=Series("Budget", tuple(budget for _ in months)),
        y_prefix="£",
    )


def qipp_chart(months: list[str], plan: list, delivered: list, *, title: str) -> Markup:
    """Cumulative QIPP savings planned (whole year) and delivered (to date)."""
    return line_chart(
        title=f"QIPP savings planned and delivered, {title}",
        desc="Cumulative savings planned for each month of the year and delivered to date.",
        x_labels=[month_label(m) for m in months],
        series=[
            Series("Planned (cumulative)", tuple(plan)),
            Series("Delivered (cumulative)", tuple(delivered)),
        ],
        y_prefix="£",
    )


def heat_map_chart(cells, likelihood, consequence, *, title: str) -> Markup:
    """A five by five grid of risk counts: likelihood 5 at the top down to 1, consequence
    1 to 5 left to right. `cells` carry x, y, fill, text colour, count and score (see
    `risks.register.heat_map`)."""
    body = []
    for c in cells:
        body.append(
            f'<rect x="{c.x}" y="{c.y}" width="94" height="94" fill="{c.fill}" '
            f'stroke="#ffffff" stroke-width="2"/>'
        )
        body.append(
            f'<text x="{c.x + 47}" y="{c.y + 52}" text-anchor="middle" font-size="26" '
            f'font-weight="700" fill="{c.text}">{c.count}</text>'
        )
        body.append(
            f'<text x="{c.x + 47}" y="{c.y + 80}" text-anchor="middle" font-size="12" '
            f'fill="{c.text}">score {c.score}</text>'
        )
    for i, word in enumerate(reversed(likelihood)):
        body.append(
            f'<text x="142" y="{20 + i * 96 + 52}" text-anchor="end" font-size="13" '
            f'fill="#212b32">{5 - i} {escape(word)}</text>'
        )
    for i, word in enumerate(consequence):
        body.append(
            f'<text x="{150 + i * 96 + 47}" y="518" text-anchor="middle" font-size="12" '
            f'fill="#212b32">{i + 1} {escape(word)}</text>'
        )
    body.append(
        '<text x="390" y="548" text-anchor="middle" font-size="14" font-weight="600" '
        'fill="#212b32">Consequence</text>'
    )
    desc = (
        "A five by five grid: likelihood from 5 at the top to 1 at the bottom, consequence "
        "from 1 on the left to 5 on the right; each cell shows how many risks have that "
        "current score. The same counts are in the table after the picture."
    )
    return _frame(title, desc, 660, 560, body)
