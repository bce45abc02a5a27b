"""People pages: the list of people in the user's scope, and one person's posts and seats."""

from django.shortcuts import render

from pathfinder.core.decorators import person_in_scope, signed_in
from pathfinder.core.listing import Column, Filter, Listing
from pathfinder.people.models import Post, Profession
from pathfinder.people.staffing import person_posts, person_seats

COLUMNS = [
    Column("person_id", "ID", ("person_id",)),
    Column("name", "Name", ("name", "person_id")),
    Column("profession", "Profession", ("profession", "name")),
    Column("posts", "Posts on the as-at date"),
]


FILTERS = [
    Filter("q", "Name or ID contains", "search", fields=("person_id", "name")),
    Filter("profession", "Profession", choices=Profession.choices, any="Any profession"),
]


def _posts_by_person(people, d) -> dict[str, list]:
    """The posts in force on `d` of the given people, by person (one query)."""
    out: dict[str, list] = {}
    posts = (
        Post.objects.in_force(d)
        .filter(person_id__in=[p.person_id for p in people])
        .select_related("org")
        .order_by("org__name")
    )
    for post in posts:
        out.setdefault(post.person_id, []).append(post)
    return out


def _csv_rows(d):
    def rows(people):
        posts = _posts_by_person(people, d)
        for p in people:
            held = posts.get(p.person_id, [])
            yield [p.person_id, p.name, p.profession,
                   "; ".join(f"{x.title}, {x.org_id}" for x in held)]  # fmt: skip

    return rows


@signed_in
def person_list(request):
    d = request.as_at
    listing = Listing(request, COLUMNS, "name", filters=FILTERS, noun="people")
    people = listing.apply(request.scope.people())
    if listing.download_format:
        header = ["person_id", "name", "profession", "posts"]
        return listing.download(people, f"people-{d.isoformat()}", _csv_rows(d), header=header)
    page = listing.page(people)
    posts = _posts_by_person(list(page), d)
    return render(
        request,
        "people/list.html",
        {
            "title": "People",
            "page": page,
            "listing": listing,
            "rows": [(p, posts.get(p.person_id, [])) for p in page],
        },
    )


@person_in_scope
def person_detail(request, person):
    d = request.as_at
    codes = request.scope.org_codes()
    return render(
        request,
        "people/detail.html",
        {
            "title": person.name,
            "person": person,
            "posts": person_posts(person, d, codes),
            "seats": person_seats(person, d, codes),
        },
    )
