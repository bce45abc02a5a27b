"""The data package format v1, described once (DATA-PACKAGE.md).

Validation, loading, export and the format's reference page all read this description.
Tables are listed in load order: a table comes after every table it refers to.
"""

from decimal import Decimal

from pathfinder.agendas.models import Stance
from pathfinder.governance.models import BodyKind, Capacity, LineKind, Outcome
from pathfinder.interests.models import GiftKind, InterestCategory
from pathfinder.organisations.models import OrgKind, RelKind
from pathfinder.packages import types as t
from pathfinder.packages.columns import C, Column, Table
from pathfinder.people.models import PostRole, Profession
from pathfinder.qipp.models import Domain
from pathfinder.risks.models import RiskCategory
from pathfinder.support.models import OfferKind

__all__ = ["BY_NAME", "TABLES", "Column", "Table"]

CODE = t.Code()
TEXT = t.Text(1000)
DATE = t.Date()
BOOL = t.Bool()
MONEY = t.Money()
FY = t.FinancialYearType()
SCORE = t.Integer(1, 5)


# The columns by which most tables name the organisation or the person a row is of.
ORG_CODE = C("org_code", CODE, True, field="org_id", refers="organisations")
PERSON_ID = C("person_id", CODE, True, refers="people")


# The closure of "below" that scopes read, rebuilt once the organisations or their
# relationships are written (organisations/actions.py).
BELOW = "pathfinder.organisations.actions.BelowTally"


def dated():
    return (C("valid_from", DATE, True), C("valid_to", DATE))


TABLES: tuple[Table, ...] = (
    Table(
        "organisations",
        "organisations.Organisation",
        (
            C("code", CODE, True),
            C("name", t.Text(300), True),
            C("kind", t.Enum(OrgKind.values), True),
            C("statutory", BOOL, True),
            C("population", t.Integer(0)),
            C("opened", DATE),
            C("closed", DATE),
        ),
        key=("code",),
        not_before=(("closed", "opened"),),
        tally=BELOW,
    ),
    Table(
        "relationships",
        "organisations.Relationship",
        (
            C("parent_code", CODE, True, field="parent_id", refers="organisations"),
            C("child_code", CODE, True, field="child_id", refers="organisations"),
            C("kind", t.Enum(RelKind.values), True),
            *dated(),
        ),
        not_before=(("valid_to", "valid_from"),),
        tally=BELOW,
    ),
    Table(
        "people",
        "people.Person",
        (
            C("person_id", CODE, True),
            C("name", t.Text(200), True),
            C("profession", t.Enum(Profession.values), True),
            C("email", t.Text(254), default=""),
        ),
        key=("person_id",),
    ),
    Table(
        "posts",
        "people.Post",
        (
            PERSON_ID,
            ORG_CODE,
            C("title", t.Text(200), True),
            C("role", t.Enum(PostRole.values), True),
            C("fte", t.DecimalNumber(Decimal(0), Decimal("1.5"))),
            C("assigned_from", CODE, field="assigned_from_id", refers="organisations"),
            *dated(),
        ),
        not_before=(("valid_to", "valid_from"),),
    ),
    Table(
        "bodies",
        "governance.Body",
        (
            C("body_id", CODE, True),
            ORG_CODE,
            C("name", t.Text(300), True),
            C("kind", t.Enum(BodyKind.values), True),
            C("quorum_min", t.Integer(0, 1000), True),
            C("quorum_neds_min", t.Integer(0, 1000), default=0),
            C("quorum_clinicians_min", t.Integer(0, 1000), default=0),
        ),
        key=("body_id",),
    ),
    Table(
        "memberships",
        "governance.Membership",
        (
            C("body_id", CODE, True, refers="bodies"),
            PERSON_ID,
            C("capacity", t.Enum(Capacity.values), True),
            C("voting", BOOL, True),
            *dated(),
        ),
        not_before=(("valid_to", "valid_from"),),
    ),
    Table(
        "functions",
        "governance.Function",
        (
            C("function_id", CODE, True),
            ORG_CODE,
            C("name", t.Text(300), True),
        ),
        key=("function_id",),
    ),
    Table(
        "accountability",
        "governance.AccountabilityLine",
        (
            C(
                "subject",
                t.Reference({"org": "organisations", "body": "bodies", "function": "functions"}),
                True,
            ),
            C("holder", t.Reference({"org": "organisations", "body": "bodies"}), True),
            C("kind", t.Enum(LineKind.values), True),
            C("scope", t.Text(100), default=""),
            *dated(),
        ),
        not_before=(("valid_to", "valid_from"),),
    ),
    Table(
        "delegations",
        "governance.Delegation",
        (
            ORG_CODE,
            C("decision_type", t.Text(60), True),
            C("delegate", t.Reference({"body": "bodies", "role": tuple(PostRole.values)}), True),
            C("limit", MONEY),
            *dated(),
        ),
        not_before=(("valid_to", "valid_from"),),
    ),
    Table(
        "interests",
        "interests.Interest",
        (
            C("interest_id", CODE, True),
            PERSON_ID,
            C("category", t.Enum(InterestCategory.values), True),
            C("counterparty_code", CODE, field="counterparty_id", refers="organisations"),
            C("description", TEXT, True),
            C("interest_from", DATE, True),
            C("interest_to", DATE),
            C("declared_on", DATE, True),
        ),
        key=("interest_id",),
        not_before=(("interest_to", "interest_from"),),
    ),
    Table(
        "gifts",
        "interests.Gift",
        (
            C("gift_id", CODE, True),
            PERSON_ID,
            C("kind", t.Enum(GiftKind.values), True),
            C("offered_by", t.Text(300), True),
            C("description", TEXT, True),
            C("value", MONEY, True),
            C("offered_on", DATE, True),
            C("accepted", BOOL, True),
            C("declared_on", DATE, True),
        ),
        key=("gift_id",),
    ),
    Table(
        "returns",
        "interests.AnnualReturn",
        (
            PERSON_ID,
            C("returned_on", DATE, True),
            C("nil", BOOL, True),
        ),
    ),
    Table(
        "meetings",
        "governance.Meeting",
        (
            C("meeting_id", CODE, True),
            C("body_id", CODE, True, refers="bodies"),
            C("date", DATE, True),
        ),
        key=("meeting_id",),
    ),
    Table(
        "attendance",
        "governance.Attendance",
        (
            C("meeting_id", CODE, True, refers="meetings"),
            PERSON_ID,
        ),
        key=("meeting_id", "person_id"),
    ),
    Table(
        "decisions",
        "governance.Decision",
        (
            C("decision_id", CODE, True),
            C("meeting_id", CODE, True, refers="meetings"),
            C("decision_type", t.Text(60), True),
            C("title", t.Text(500), True),
            C("amount", MONEY),
            C("counterparties", t.Codes(), refers="organisations", default=""),
            C("outcome", t.Enum(Outcome.values), default=""),
        ),
        key=("decision_id",),
    ),
    Table(
        "budgets",
        "finance.Budget",
        (
            ORG_CODE,
            C("financial_year", FY, True),
            C("category", t.Text(60), True),
            C("amount", MONEY, True),
        ),
        key=("org_code", "financial_year", "category"),
    ),
    Table(
        "ledger",
        "finance.LedgerEntry",
        (
            C("date", DATE, True),
            ORG_CODE,
            C("category", t.Text(60), True),
            C("supplier", t.Text(300), True),
            C("amount", MONEY, True),
            C("reference", t.Text(100), default=""),
        ),
        big=True,
        tally="pathfinder.finance.actions.Tally",
    ),
    Table(
        "qipp_schemes",
        "qipp.QippScheme",
        (
            C("scheme_id", CODE, True),
            ORG_CODE,
            C("name", t.Text(300), True),
            C("domain", t.Enum(Domain.values), True),
            C("lead_person_id", CODE, field="lead_person_id", refers="people"),
            C("financial_year", FY, True),
            C("signed_off_by", CODE, field="signed_off_by_id", refers="bodies"),
            C("signed_off_on", DATE),
        ),
        key=("scheme_id",),
    ),
    Table(
        "qipp_savings",
        "qipp.QippSaving",
        (
            C("scheme_id", CODE, True, refers="qipp_schemes"),
            C("month", t.Month(), True),
            C("planned", MONEY, True),
            C("delivered", MONEY),
        ),
        key=("scheme_id", "month"),
    ),
    Table(
        "risks",
        "risks.Risk",
        (
            C("risk_id", CODE, True),
            ORG_CODE,
            C("title", t.Text(500), True),
            C("category", t.Enum(RiskCategory.values), True),
            C("owner_person_id", CODE, field="owner_id", refers="people"),
            C("inherent_likelihood", SCORE, True),
            C("inherent_consequence", SCORE, True),
            C("current_likelihood", SCORE, True),
            C("current_consequence", SCORE, True),
            C("target_likelihood", SCORE),
            C("target_consequence", SCORE),
            C("opened", DATE, True),
            C("last_reviewed", DATE),
            C("review_every_days", t.Integer(1, 3660), default=90),
            C("closed", DATE),
        ),
        key=("risk_id",),
        not_before=(("closed", "opened"),),
    ),
    Table(
        "support_offers",
        "support.SupportOffer",
        (
            C("offer_id", CODE, True),
            C("name", t.Text(300), True),
            C("kind", t.Enum(OfferKind.values), True),
            C("provider_code", CODE, field="provider_id", refers="organisations"),
        ),
        key=("offer_id",),
    ),
    Table(
        "support_sessions",
        "support.SupportSession",
        (
            C("session_id", CODE, True),
            C("offer_id", CODE, True, refers="support_offers"),
            C("date", DATE, True),
            C("capacity", t.Integer(0, 100000), True),
        ),
        key=("session_id",),
    ),
    Table(
        "support_bookings",
        "support.SupportBooking",
        (
            C("session_id", CODE, True, refers="support_sessions"),
            PERSON_ID,
            ORG_CODE,
            C("attended", BOOL),
        ),
        key=("session_id", "person_id"),
    ),
    Table(
        "assessments",
        "support.Assessment",
        (
            ORG_CODE,
            C("framework", t.Text(100), True),
            C("domain", t.Text(100), True),
            C("assessed_on", DATE, True),
            C("rating", t.Integer(1, 4), True),
            C("evidence", TEXT, default=""),
        ),
        key=("org_code", "framework", "domain", "assessed_on"),
    ),
    Table(
        "proposals",
        "agendas.Proposal",
        (
            C("proposal_id", CODE, True),
            C("title", t.Text(500), True),
            C("lead_code", CODE, True, field="lead_id", refers="organisations"),
        ),
        key=("proposal_id",),
    ),
    Table(
        "positions",
        "agendas.Position",
        (
            C("proposal_id", CODE, True, refers="proposals"),
            ORG_CODE,
            C("stance", t.Enum(Stance.values), True),
            C("stated_on", DATE, True),
            C("by_body", CODE, field="by_body_id", refers="bodies"),
            C("rationale", TEXT, default=""),
        ),
    ),
)

BY_NAME = {tbl.name: tbl for tbl in TABLES}
