"""The rows behind the findings, described for people: what each row says, and the
page where it can be changed. One query per table, whatever the number of findings."""

from dataclasses import dataclass

from django.urls import reverse

from pathfinder.core.iso_dates import long_date
from pathfinder.governance.accountability.area import Area, owner_org


@dataclass(frozen=True)
class CauseRow:
    row: str  # `accountability:12`, `membership:40`, `post:7`
    text: str
    change_href: str  # where it can be changed or ended ("" when not in the user's reach)
    change_label: str


def _ids(rows, table: str) -> list[int]:
    out = []
    for row in rows:
        kind, _, ident = row.partition(":")
        if kind == table and ident.isdigit():
            out.append(int(ident))
    return out


def describe_rows(area: Area, rows) -> dict[str, CauseRow]:
    from pathfinder.governance.models import AccountabilityLine, Membership
    from pathfinder.people.models import Post

    rows = set(rows)
    out: dict[str, CauseRow] = {}
    facts = area.facts
    for line in AccountabilityLine.objects.filter(pk__in=_ids(rows, "accountability")):
        org = owner_org(facts, line.subject)
        href = ""
        if org in area.scope:
            href = reverse("governance:line_end", kwargs={"code": org}) + f"?line={line.pk}"
        scope = f" for {line.scope}" if line.scope else ""
        until = f" until {long_date(line.valid_to)}" if line.valid_to else ""
        out[f"accountability:{line.pk}"] = CauseRow(
            f"accountability:{line.pk}",
            f"{facts.label(line.subject)} {line.kind} to {facts.label(line.holder)}{scope}, "
            f"from {long_date(line.valid_from)}{until}",
            href,
            "Change or end this line",
        )
    for m in Membership.objects.filter(pk__in=_ids(rows, "membership")).select_related(
        "person", "body"
    ):
        href = ""
        if m.body.org_id in area.scope:
            href = (
                reverse("governance:membership_end", kwargs={"body_id": m.body_id})
                + f"?membership={m.pk}"
            )
        voting = "voting" if m.voting else "non-voting"
        out[f"membership:{m.pk}"] = CauseRow(
            f"membership:{m.pk}",
            f"{m.person.name} ({m.person_id}) sits on {m.body.name} ({m.body_id}) as "
            f"{m.get_capacity_display().lower()}, {voting}, from {long_date(m.valid_from)}",
            href,
            "End this membership",
        )
    for p in Post.objects.filter(pk__in=_ids(rows, "post")).select_related("person", "org"):
        out[f"post:{p.pk}"] = CauseRow(
            f"post:{p.pk}",
            f"{p.person.name} ({p.person_id}) holds the post {p.title} at {p.org.name} "
            f"({p.org_id}) from {long_date(p.valid_from)}",
            reverse("people:detail", kwargs={"person_id": p.person_id}),
            "See their posts",
        )
    return out
