"""Self-service declarations for a signed-in member, and the governance lead's
reminders of what is late, missing or over the limits."""

from django.shortcuts import redirect, render

from pathfinder.core.decorators import signed_in
from pathfinder.core.listing import Column, Filter, Listing
from pathfinder.core.roles import Permission
from pathfinder.interests import actions
from pathfinder.interests.forms import GiftForm, InterestForm
from pathfinder.interests.me import NotLinked, linked_person
from pathfinder.interests.models import AnnualReturn, Gift, Interest
from pathfinder.interests.my_agenda import my_conflicted_items
from pathfinder.interests.reminders import load_reminders


def _person_or_none(request):
    try:
        return linked_person(request.user), ""
    except NotLinked as e:
        return None, str(e)


def _not_linked(request, message: str):
    return render(
        request, "interests/not_linked.html", {"title": "Your declarations", "message": message}
    )


@signed_in
def mine(request):
    person, problem = _person_or_none(request)
    if person is None:
        return _not_linked(request, problem)
    d = request.as_at
    interests = list(Interest.objects.filter(person=person).select_related("counterparty"))
    for i in interests:
        i.in_force = i.interest_from <= d and (i.interest_to is None or i.interest_to >= d)
    returns = list(AnnualReturn.objects.filter(person=person).order_by("-returned_on"))
    return render(
        request,
        "interests/mine.html",
        {
            "title": "Your declarations",
            "person": person,
            "interests": interests,
            "gifts": list(Gift.objects.filter(person=person).order_by("-offered_on")),
            "returns": returns,
            "items": my_conflicted_items(person.person_id, d),
            "declared": request.GET.get("declared", ""),
        },
    )


def _declaration_page(request, form_class, declare, refused_on, declared, template, title):
    """A declaration form: a valid post is written by `declare(person, data, ...)` and the
    person goes back to their declarations; a refusal is shown on the field `refused_on`."""
    person, problem = _person_or_none(request)
    if person is None:
        return _not_linked(request, problem)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            declare(
                person,
                form.cleaned_data,
                by=request.user,
                declared_on=actions.declaration_date(request.as_at),
            )
        except actions.UserError as e:
            form.add_error(refused_on, str(e))
        else:
            return redirect(f"/declarations/?declared={declared}")
    return render(request, template, {"title": title, "form": form, "form_errors": form.errors})


def _interest(person, data, **by_and_when):
    fields = ("category", "counterparty", "description", "interest_from")
    actions.declare_interest(person, **by_and_when, **{f: data[f] for f in fields})


def _gift(person, data, **by_and_when):
    fields = ("kind", "offered_by", "description", "value", "offered_on")
    actions.declare_gift(
        person, **by_and_when, **{f: data[f] for f in fields}, accepted=data["accepted"] == "yes"
    )


@signed_in
def declare_interest(request):
    return _declaration_page(
        request,
        InterestForm,
        _interest,
        "interest_from",
        "interest",
        "interests/declare_interest.html",
        "Declare an interest",
    )


@signed_in
def declare_gift(request):
    return _declaration_page(
        request,
        GiftForm,
        _gift,
        "offered_on",
        "gift",
        "interests/declare_gift.html",
        "Declare a gift or hospitality",
    )


@signed_in
def annual_return(request):
    person, problem = _person_or_none(request)
    if person is None:
        return _not_linked(request, problem)
    if request.method == "POST":
        nil = request.POST.get("nil") == "yes"
        actions.make_return(
            person, by=request.user, returned_on=actions.declaration_date(request.as_at), nil=nil
        )
        return redirect("/declarations/?declared=" + ("nil_return" if nil else "return"))
    return render(
        request,
        "interests/annual_return.html",
        {"title": "Make your annual return", "person": person},
    )


REMINDER_COLUMNS = [
    Column("label", "Reminder", sortable=True),
    Column("name", "Person", sortable=True),
    Column("subject", "Record", sortable=True),
    Column("detail", "Details"),
]
REMINDER_KINDS = [
    ("late_declaration", "Late declarations"),
    ("gift_over_limit", "Gifts over the limits"),
    ("missing_return", "Missing annual returns"),
    ("undeclared_post", "Posts not declared"),
]
REMINDER_FILTERS = [
    Filter("q", "Person or record contains", "search", fields=("name", "person", "subject")),
    Filter("finding", "Show", choices=REMINDER_KINDS, any="Every reminder"),
]


def _reminder_rows(reminders):
    for f in reminders:
        yield [f.finding, f.person, f.name, f.subject, f.detail]


@signed_in
def reminders(request):
    codes = request.scope.org_codes(Permission.GOVERN)
    if not codes:
        return render(request, "403.html", {}, status=403)
    d = request.as_at
    listing = Listing(
        request, REMINDER_COLUMNS, "label", filters=REMINDER_FILTERS, noun="reminders"
    )
    found = listing.apply(load_reminders(d, codes))
    if listing.download_format:
        header = ["finding", "person_id", "person", "record", "detail"]
        return listing.download(
            found, f"register-reminders-{d.isoformat()}", _reminder_rows, header=header
        )
    return render(
        request,
        "interests/reminders.html",
        {"title": "Register reminders", "page": listing.page(found), "listing": listing},
    )
