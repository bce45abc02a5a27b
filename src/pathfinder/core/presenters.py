"""Shaping records into rows for templates, so templates stay free of logic."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

# (label, URL name) of the main navigation; names not (yet) in the URLconf are skipped.
NAVIGATION = (
    ("Home", "home"),
    ("Organisations", "organisations:list"),
    ("Structure", "organisations:structure"),
    ("Changes", "organisations:changes"),
    ("People", "people:list"),
    ("Accountability", "governance:map"),
    ("Meetings", "governance:meetings"),
    ("Declarations", "interests:mine"),
    ("Reminders", "interests:reminders"),
    ("Money", "finance:overview"),
    ("QIPP", "qipp:overview"),
    ("Risks", "risks:index"),
    ("Support", "support:programme"),
    ("Readiness", "support:readiness"),
    ("Agendas", "agendas:list"),
    ("Users", "users:list"),
)
# Shown only to those who may use them.
ADMINISTRATORS_ONLY = {"users:list"}


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    current: bool
    description: str = ""


DESCRIPTIONS = {
    "organisations:list": "Every organisation you can see, with filters and a download.",
    "organisations:structure": "A picture of the structure on the date you choose.",
    "organisations:changes": "What started or ended between two dates.",
    "people:list": "People, their posts and the bodies they sit on.",
    "finance:overview": "Budgets, spend and forecast outturn rolled up the structure.",
    "qipp:overview": "QIPP savings planned and delivered, with RAG and ownership.",
    "governance:map": "Who answers to whom: the accountability map and its findings.",
    "governance:meetings": "Agendas with each decision's conflicts, quorum and authority.",
    "interests:mine": "Declare your interests, gifts and hospitality; make your annual return.",
    "interests:reminders": "Late declarations, missing returns, undeclared posts, big gifts.",
    "risks:index": "Risk registers, heat maps, overdue reviews and Board Assurance Frameworks.",
    "support:programme": "Support offers, sessions and bookings; demand, reach and capacity.",
    "support:readiness": "Readiness assessments by domain, and how each has moved.",
    "agendas:list": "Proposals for service change and where each organisation stands.",
    "users:list": "Who holds which role where; invite users, give and end roles.",
}


def navigation(request) -> list[NavItem]:
    items = []
    from pathfinder.core.roles import Permission

    for text, name in NAVIGATION:
        scope = getattr(request, "scope", None)
        if name in ADMINISTRATORS_ONLY and not (scope and scope.any(Permission.ADMINISTER)):
            continue
        try:
            href = reverse(name)
        except NoReverseMatch:
            continue
        current = request.path == href if href == "/" else request.path.startswith(href)
        items.append(NavItem(text, href, current, DESCRIPTIONS.get(name, "")))
    return items
