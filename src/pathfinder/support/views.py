"""Support programme pages: the programme's demand and reach, an offer, a session with
its bookings, booking a place, taking the register, management capacity and readiness.

Every page reaches offers through `SupportAccess` and organisations through
`request.scope`; writes go through `support.actions`.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Value
from django.db.models.functions import Greatest
from django.http import Http404
from django.shortcuts import redirect, render

from pathfinder.core import versions
from pathfinder.core.decorators import organisation_in_scope, signed_in
from pathfinder.core.downloads import csv_response
from pathfinder.core.errors import UserError
from pathfinder.core.jinja import long_date
from pathfinder.core.listing import Listing
from pathfinder.organisations.models import Organisation
from pathfinder.support import actions, lists, readiness
from pathfinder.support.access import SupportAccess
from pathfinder.support.models import OfferKind, SupportBooking, SupportSession
from pathfinder.support.pages import (
    ATTENDANCE_CHOICES,
    assigned_posts,
    assigned_summary,
    booking_rows,
    candidates,
    capacity_charts,
    capacity_rows,
    programme_page,
)


def _notices(request) -> list[str]:
    return [str(m) for m in messages.get_messages(request)]


@signed_in
def programme(request):
    access = SupportAccess(request.scope)
    context = programme_page(access, request.as_at)
    listing = Listing(
        request, lists.OFFER_COLUMNS, "name", filters=lists.OFFER_FILTERS, noun="offers"
    )
    offers = listing.apply(context.pop("offers"))
    if listing.download_format:
        header = ["offer", "name", "kind", "provider", "sessions", "bookings"]
        return listing.download(offers, "support-offers", lists.offer_rows, header=header)
    return render(
        request,
        "support/programme.html",
        {
            "title": "Support programme",
            "notices": _notices(request),
            **context,
            "listing": listing,
            "page": listing.page(offers),
        },
    )


def _offer_or_404(access, offer_id):
    offer = access.offers().select_related("provider").filter(offer_id=offer_id).first()
    if offer is None:
        raise Http404("No such support offer in your scope")
    return offer


@signed_in
def offer_detail(request, offer_id):
    access = SupportAccess(request.scope)
    offer = _offer_or_404(access, offer_id)
    listing = Listing(
        request, lists.SESSION_COLUMNS, "date", filters=lists.SESSION_FILTERS, noun="sessions"
    )
    booked = Count("bookings")
    left = Greatest(F("capacity") - booked, Value(0))
    sessions = listing.apply(offer.sessions.annotate(booked=booked, left=left))
    if listing.download_format:
        header = ["session", "date", "places", "booked", "places_left"]
        return listing.download(
            sessions, f"sessions-{offer.offer_id}", lists.session_rows, header=header
        )
    page = listing.page(sessions)
    return render(
        request,
        "support/offer.html",
        {
            "title": offer.name,
            "offer": offer,
            "kind": OfferKind(offer.kind).label,
            "listing": listing,
            "page": page,
            "provider_linked": offer.provider_id in access.view_codes,
        },
    )


def _session_or_404(access, session_id):
    session = (
        SupportSession.objects.select_related("offer__provider")
        .filter(session_id=session_id, offer__in=access.offers())
        .first()
    )
    if session is None:
        raise Http404("No such support session in your scope")
    return session


def _bookings(session):
    return list(
        SupportBooking.objects.filter(session=session)
        .select_related("person", "org")
        .order_by("org__name", "person__name", "id")
    )


@signed_in
def session_detail(request, session_id):
    access = SupportAccess(request.scope)
    session = _session_or_404(access, session_id)
    bookings = _bookings(session)
    provider = session.offer.provider_id
    shown, hidden = booking_rows(access, provider, bookings)
    return render(
        request,
        "support/session.html",
        {
            "title": f"{session.offer.name}, {long_date(session.date)}",
            "session": session,
            "offer": session.offer,
            "booked": len(bookings),
            "left": max(session.capacity - len(bookings), 0),
            "rows": shown,
            "hidden": hidden,
            "may_book": bool(access.may_book_for(provider)),
            "takes_register": access.takes_register(provider, {b.org_id for b in bookings}),
            "notices": _notices(request),
        },
    )


@signed_in
def book(request, session_id):
    access = SupportAccess(request.scope)
    session = _session_or_404(access, session_id)
    orgs = access.may_book_for(session.offer.provider_id)
    if not orgs:
        raise PermissionDenied("You may not book places for any organisation this offer serves")
    bookings = _bookings(session)
    booked_people = {b.person_id for b in bookings}
    choices = candidates(orgs, session.date, booked_people)
    error = ""
    chosen = ""
    if request.method == "POST":
        chosen = request.POST.get("attendee", "")
        person_id, _, org_code = chosen.partition("|")
        if not person_id or org_code not in orgs:
            error = "Choose who will take the place"
        else:
            try:
                actions.book_place(
                    session_id=session.session_id,
                    person_id=person_id,
                    org_code=org_code,
                    by=request.user,
                )
            except UserError as e:
                error = str(e)
            else:
                messages.success(request, "Place booked.")
                return redirect("support:session", session_id=session.session_id)
    left = max(session.capacity - len(bookings), 0)
    full = left == 0
    if full and not error and request.method == "POST":
        error = actions.full_message(session)
    return render(
        request,
        "support/book.html",
        {
            "title": f"Book a place: {session.offer.name}",
            "session": session,
            "offer": session.offer,
            "left": left,
            "full": full,
            "full_message": actions.full_message(session),
            "choices": choices,
            "chosen": chosen,
            "error": error,
            "form_errors": [error] if error else [],
        },
        status=200 if not error else 400,
    )


@signed_in
def attendance(request, session_id):
    access = SupportAccess(request.scope)
    session = _session_or_404(access, session_id)
    bookings = _bookings(session)
    if not access.takes_register(session.offer.provider_id, {b.org_id for b in bookings}):
        raise PermissionDenied("Only the provider's editors take the register")
    error = ""
    if request.method == "POST":
        values = dict(ATTENDANCE_CHOICES)
        marked, read_at = {}, {}
        for b in bookings:
            raw = request.POST.get(f"attended-{b.pk}", "unknown")
            marked[b.pk] = values.get(raw)
            read_at[b.pk] = versions.parse_version(request.POST.get(f"version-{b.pk}"))
        try:
            changed = actions.mark_attendance(
                session_id=session.session_id,
                attended=marked,
                by=request.user,
                expected_versions=read_at,
            )
        except versions.StaleVersion as e:
            error = str(e)
            bookings = _bookings(session)
        else:
            messages.success(request, f"Attendance saved: {changed} changed.")
            return redirect("support:session", session_id=session.session_id)
    return render(
        request,
        "support/attendance.html",
        {
            "title": f"Attendance: {session.offer.name}",
            "session": session,
            "offer": session.offer,
            "bookings": bookings,
            "versions": versions.versions_of(bookings),
            "error": error,
            "form_errors": [error] if error else [],
        },
        status=409 if error else 200,
    )


@signed_in
def capacity(request):
    d = request.as_at
    if request.GET.get("assigned") == "csv":
        posts = assigned_posts(request.scope, d).select_related("person", "org", "assigned_from")
        header = ["assigned_from", "assigned_from_name", "org", "org_name", "person",
                  "person_name", "post", "fte", "since"]  # fmt: skip
        return csv_response(
            f"assigned-staff-{d.isoformat()}.csv", header, lists.assigned_rows(posts)
        )
    listing = Listing(
        request, lists.CAPACITY_COLUMNS, "name", filters=lists.CAPACITY_FILTERS, noun="consortia"
    )
    rows = listing.apply(capacity_rows(request.scope, d))
    if listing.download_format:
        header = ["code", "name", "population", "own_fte", "shared_fte", "fte", "fte_per_100k"]
        return listing.download(
            rows, f"capacity-{d.isoformat()}", lists.capacity_csv_rows, header=header
        )
    page = listing.page(rows)
    per_100k_chart, fte_chart = capacity_charts(list(page), d) if rows else ("", "")
    return render(
        request,
        "support/capacity.html",
        {
            "title": "Management capacity",
            "listing": listing,
            "page": page,
            "per_100k_chart": per_100k_chart,
            "fte_chart": fte_chart,
            "assigned": assigned_summary(request.scope, d),
            "codes": request.scope.org_codes(),
        },
    )


@signed_in
def readiness_overview(request):
    d = request.as_at
    ratings = readiness.load_ratings(request.scope.org_codes_query(), d)
    frameworks = sorted({r.framework for r in ratings})
    framework = readiness.current_framework(ratings, request.GET.get("framework", ""))
    cells = readiness.latest(ratings, framework)
    domains = readiness.domain_order({dom for _, dom in cells})
    listing = lists.readiness_listing(request, frameworks, framework, domains)
    org_codes = sorted({org for org, _ in cells})
    names = dict(Organisation.objects.filter(code__in=org_codes).values_list("code", "name"))
    every = []
    for code in org_codes:
        mine = {dom: cells.get((code, dom)) for dom in domains}
        row = {"code": code, "name": names.get(code, code), "cells": list(mine.values())}
        row.update({f"d_{dom}": c.rating if c else None for dom, c in mine.items()})
        row["last"] = max(c.assessed_on for c in mine.values() if c)
        every.append(row)
    rows = listing.apply(every)
    if listing.download_format:
        header = ["code", "name", *domains, "last_assessed"]
        name = f"readiness-{framework}-{d.isoformat()}"
        return listing.download(rows, name, lists.readiness_csv(domains), header=header)
    page = listing.page(rows)
    shown = [(r["code"], r["name"]) for r in page]
    return render(
        request,
        "support/readiness.html",
        {
            "title": "Readiness",
            "framework": framework,
            "listing": listing,
            "page": page,
            "grid": readiness.grid_svg(shown, domains, cells) if shown else "",
            "rating_labels": readiness.RATING_LABELS,
        },
    )


@organisation_in_scope
def readiness_detail(request, organisation):
    d = request.as_at
    ratings = readiness.load_ratings([organisation.code], d)
    framework = readiness.current_framework(ratings, request.GET.get("framework", ""))
    t = readiness.trajectory(ratings, organisation.code, framework)
    history = sorted(
        (r for r in ratings if r.framework == framework),
        key=lambda r: (r.assessed_on, readiness.domain_order(t.domains).index(r.domain)),
        reverse=True,
    )
    return render(
        request,
        "support/readiness_org.html",
        {
            "title": f"Readiness of {organisation.name}",
            "org": organisation,
            "framework": framework,
            "frameworks": sorted({r.framework for r in ratings}),
            "trajectory": t,
            "chart": readiness.trajectory_chart(t, organisation.name) if t.dates else "",
            "domains": [(dom, readiness.domain_label(dom)) for dom in t.domains],
            "history": [(r, readiness.domain_label(r.domain)) for r in history],
            "rating_labels": readiness.RATING_LABELS,
        },
    )
