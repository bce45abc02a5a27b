"""Self-service declarations for a signed-in member, and the governance lead's
reminders of what is late, missing or over the limits."""

from django.shortcuts import redirect, render

from pathfinder.core.decorators import signed_in
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


@signed_in
def declare_interest(request):
    person, problem = _person_or_none(request)
    if person is None:
        return _not_linked(request, problem)
    form = InterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.declare_interest(
                person,
                by=request.user,
                declared_on=actions.declaration_date(request.as_at),
                category=data["category"],
                counterparty=data["counterparty"],
                description=data["description"],
                interest_from=data["interest_from"],
            )
        except actions.UserError as e:
            form.add_error("interest_from", str(e))
        else:
            return redirect("/declarations/?declared=interest")
    return render(
        request,
        "interests/declare_interest.html",
        {"title": "Declare an interest", "form": form, "form_errors": form.errors},
    )


@signed_in
def declare_gift(request):
    person, problem = _person_or_none(request)
    if person is None:
        return _not_linked(request, problem)
    form = GiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.declare_gift(
                person,
                by=request.user,
                declared_on=actions.declaration_date(request.as_at),
                kind=data["kind"],
                offered_by=data["offered_by"],
                description=data["description"],
                value=data["value"],
                offered_on=data["offered_on"],
                accepted=data["accepted"] == "yes",
            )
        except actions.UserError as e:
            form.add_error("offered_on", str(e))
        else:
            return redirect("/declarations/?declared=gift")
    return render(
        request,
        "interests/declare_gift.html",
        {"title": "Declare a gift or hospitality", "form": form, "form_errors": form.errors},
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


@signed_in
def reminders(request):
    codes = request.scope.org_codes(Permission.GOVERN)
    if not codes:
        return render(request, "403.html", {}, status=403)
    found = load_reminders(request.as_at, codes)
    kind = request.GET.get("finding", "")
    if kind:
        found = [f for f in found if f.finding == kind]
    return render(
        request,
        "interests/reminders.html",
        {"title": "Register reminders", "findings": found, "finding": kind},
    )
