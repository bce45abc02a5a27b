"""The "My boards" page of a signed-in board member (docs/decisions/0090)."""

from django.shortcuts import render

from pathfinder.core.decorators import signed_in
from pathfinder.interests.me import NotLinked, linked_person
from pathfinder.reports.my_boards import my_boards as load


@signed_in
def my_boards(request):
    try:
        person = linked_person(request.user)
    except NotLinked as e:
        return render(
            request, "reports/not_a_member.html", {"title": "My boards", "message": str(e)}
        )
    return render(
        request,
        "reports/my_boards.html",
        {
            "title": "My boards",
            "person": person,
            "mine": load(person.person_id, request.as_at, request.scope),
        },
    )
