"""The add and end forms of dated governance records (delegations, lines of
accountability and memberships): each writes through an action, shows the action's
refusal on the form, and on success says so and goes back to the list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from pathfinder.core import versions
from pathfinder.governance import actions
from pathfinder.governance.forms import EndForm


def add_form(
    request,
    form,
    add,
    *,
    what: str = "",
    template: str,
    title: str,
    org,
    back: str,
    notice=None,
    context: dict | None = None,
):
    """Show `form`; when it is posted and valid, `add(**cleaned_data)` writes the record.
    `what` names the record in the notice ("Delegation added"), unless `notice(record)`
    words it; `context` adds what the template needs besides."""
    if request.method == "POST" and form.is_valid():
        try:
            record = add(**form.cleaned_data)
        except ValidationError as e:
            for name, errors in e.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, notice(record) if notice else f"{what} added")
            return redirect(back)
    page = {"title": title, "org": org, "form": form, "form_errors": form.errors, "back": back}
    return render(request, template, {**page, **(context or {})})


def end_form(
    request,
    current,
    label,
    *,
    noun: str,
    what: str = "",
    title: str,
    back: str,
    intro: str,
    empty: str,
    notice=None,
):
    """Offer the records in `current` (each shown by `label`) and end the one chosen on
    the last day given; the query string may preselect one by its id under `noun`.
    `empty` is shown instead of the form when nothing is left to end. The notice is
    "`what` ended" unless `notice(record, last_day)` words it."""
    form = EndForm(
        request.POST or None,
        choices=[(row.pk, label(row)) for row in current],
        noun=noun,
        initial={"record": request.GET.get(noun, ""), "valid_to": request.as_at},
    )
    # Each record offered carries the version it was read at (a hidden field), kept
    # across a refused post so a change made meanwhile is still caught.
    read_at = versions.versions_of(current)
    if request.method == "POST":
        read_at = {pk: versions.parse_version(request.POST.get(f"version-{pk}")) for pk in read_at}
    if request.method == "POST" and form.is_valid():
        row = next(r for r in current if r.pk == form.cleaned_data["record"])
        on = form.cleaned_data["valid_to"]
        try:
            actions.end_row(row, by=request.user, on=on, expected_version=read_at[row.pk] or 0)
        except ValidationError as e:
            form.add_error("valid_to", e.message_dict["valid_to"])
        except versions.StaleVersion as e:
            form.add_error(None, str(e))
            read_at = versions.versions_of(current)
        else:
            messages.success(request, notice(row, on) if notice else f"{what} ended")
            return redirect(back)
    return render(
        request,
        "governance/record_end.html",
        {
            "title": title,
            "heading": title,
            "intro": intro,
            "form": form,
            "form_errors": form.errors,
            "noun": noun,
            "back": back,
            "empty": empty,
            "versions": read_at,
        },
    )
