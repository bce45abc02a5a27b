"""Support offers, sessions, bookings and readiness assessments, in the caller's scope
(docs/decisions/0120-support-programme-access.md). Booking a place is the one write:
a full session is 409 and nothing is written."""

import datetime as dt

from django.db.models import Count, Q
from ninja import Path, Query, Router, Schema, Status
from ninja.errors import HttpError

from pathfinder.api.auth import caller_scope
from pathfinder.api.filters import narrowed
from pathfinder.api.params import (
    DATE_FROM,
    DATE_TO,
    LIMIT,
    OFFSET,
    DateText,
    Text,
    code_param,
    date_param,
    paged,
)
from pathfinder.api.schemas import Paged, answers, same
from pathfinder.core.refs import ref
from pathfinder.support import actions
from pathfinder.support.access import SupportAccess
from pathfinder.support.models import Assessment, SupportBooking, SupportSession

router = Router(tags=["support"])

OFFER_ID = Path(..., description="The offer's id.", example="O-FIN")
SESSION_ID = Path(..., description="The session's id.", example="S7")


class Offer(Schema):
    offer_id: str
    name: str
    kind: str
    provider: str | None
    sessions: int

    @classmethod
    def of(cls, o) -> "Offer":
        return cls(
            provider=ref("org", o.provider_id) if o.provider_id else None,
            sessions=o.n_sessions,
            **same(o, "offer_id name kind"),
        )


class Session(Schema):
    session_id: str
    offer_id: str
    date: dt.date
    capacity: int
    booked: int
    places_left: int

    @classmethod
    def of(cls, s) -> "Session":
        return cls(
            places_left=max(s.capacity - s.booked, 0),
            **same(s, "session_id offer_id date capacity booked"),
        )


class Booking(Schema):
    id: int
    session_id: str
    person: str
    org: str
    attended: bool | None

    @classmethod
    def of(cls, b) -> "Booking":
        return cls(
            id=b.pk,
            session_id=b.session_id,
            person=ref("person", b.person_id),
            org=ref("org", b.org_id),
            attended=b.attended,
        )


class BookingIn(Schema):
    session_id: Text
    person_id: Text
    org: Text  # a code or `org:CODE`


class AssessmentOut(Schema):
    org: str
    framework: str
    domain: str
    assessed_on: dt.date
    rating: int
    evidence: str

    @classmethod
    def of(cls, a) -> "AssessmentOut":
        return cls(
            org=ref("org", a.org_id),
            **same(a, "framework domain assessed_on rating evidence"),
        )


class OfferPage(Paged):
    items: list[Offer]


class SessionPage(Paged):
    items: list[Session]


class BookingPage(Paged):
    items: list[Booking]


class AssessmentPage(Paged):
    items: list[AssessmentOut]


def _today():
    from django.utils import timezone

    return timezone.localdate()


def _access(request) -> SupportAccess:
    return SupportAccess(caller_scope(request))


def _sessions(access):
    return SupportSession.objects.filter(offer__in=access.offers()).annotate(
        booked=Count("bookings")
    )


@router.get("/support/offers", response=answers(OfferPage), summary="Support offers")
def offers(request, limit: int = LIMIT, offset: int = OFFSET):
    """Offers whose provider is in your scope or serves an organisation in it, by id."""
    qs = _access(request).offers().annotate(n_sessions=Count("sessions")).order_by("offer_id")
    return paged(qs, Offer.of, limit, offset, _today())


@router.get("/support/offers/{offer_id}", response=answers(Offer), summary="One offer")
def offer(request, offer_id: str = OFFER_ID):
    o = _access(request).offers().annotate(n_sessions=Count("sessions")).filter(offer_id=offer_id)
    found = o.first()
    if found is None:
        raise HttpError(404, "No such support offer in your scope")
    return Offer.of(found)


@router.get("/support/sessions", response=answers(SessionPage), summary="Support sessions")
def sessions(
    request,
    offer: str | None = Query(None, description="Only this offer's sessions."),
    date_from: DateText = DATE_FROM,
    date_to: DateText = DATE_TO,
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Sessions of the offers you see, by date, with places booked and left."""
    qs = _sessions(_access(request)).order_by("date", "session_id")
    qs = narrowed(qs, offer_id=offer or None)
    if d1 := date_param("from", date_from):
        qs = qs.filter(date__gte=d1)
    if d2 := date_param("to", date_to):
        qs = qs.filter(date__lte=d2)
    return paged(qs, Session.of, limit, offset, _today())


@router.get("/support/sessions/{session_id}", response=answers(Session), summary="One session")
def session(request, session_id: str = SESSION_ID):
    found = _sessions(_access(request)).filter(session_id=session_id).first()
    if found is None:
        raise HttpError(404, "No such support session in your scope")
    return Session.of(found)


@router.get("/support/bookings", response=answers(BookingPage), summary="Bookings")
def bookings(
    request,
    session: str | None = Query(None, description="Only this session's bookings."),
    org: str | None = Query(None, description="Only bookings for this organisation."),
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Bookings for organisations in your scope, and every booking on sessions of offers
    provided by an organisation in your scope."""
    access = _access(request)
    codes = access.view_codes
    qs = SupportBooking.objects.filter(
        Q(org_id__in=codes) | Q(session__offer__provider_id__in=codes)
    ).order_by("session_id", "id")
    qs = narrowed(qs, session_id=session or None, org_id=code_param(org, "org"))
    return paged(qs, Booking.of, limit, offset, _today())


@router.post(
    "/support/bookings",
    response=answers(Booking, 400, 403, 409, status=201),
    summary="Book a place",
)
def book(request, body: BookingIn):
    """Book a place on a session for a person of an organisation you may EDIT that the
    offer's provider serves. A full session, or a person already booked, is 409 and
    nothing is written."""
    access = _access(request)
    found = SupportSession.objects.select_related("offer").filter(
        session_id=body.session_id, offer__in=access.offers()
    )
    s = found.first()
    if s is None:
        raise HttpError(404, "No such support session in your scope")
    org = code_param(body.org, "org") or ""
    if org not in access.may_book_for(s.offer.provider_id):
        raise HttpError(403, f"You may not book places for {org} on this session")
    try:
        b = actions.book_place(
            session_id=s.session_id, person_id=body.person_id, org_code=org, by=request.auth
        )
    except (actions.SessionFull, actions.AlreadyBooked) as e:
        raise HttpError(409, str(e)) from None
    return Status(201, Booking.of(b))


@router.get("/support/assessments", response=answers(AssessmentPage), summary="Assessments")
def assessments(
    request,
    org: str | None = Query(None, description="Only this organisation."),
    framework: str | None = Query(None, description="Only this framework."),
    domain: str | None = Query(None, description="Only this domain."),
    limit: int = LIMIT,
    offset: int = OFFSET,
):
    """Readiness assessments of organisations in your scope, by organisation, framework,
    date and domain."""
    qs = Assessment.objects.filter(org_id__in=caller_scope(request).org_codes()).order_by(
        "org_id", "framework", "assessed_on", "domain"
    )
    qs = narrowed(
        qs, org_id=code_param(org, "org"), framework=framework or None, domain=domain or None
    )
    return paged(qs, AssessmentOut.of, limit, offset, _today())
