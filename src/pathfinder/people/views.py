"""People pages: the list of people in the user's scope, and one person's posts and seats."""

from django.db.models import Prefetch, Q
from django.shortcuts import render

from pathfinder.core.decorators import person_in_scope, signed_in
from pathfinder.core.downloads import csv_response
from pathfinder.core.listing import Column, Listing
from pathfinder.people.models import Post, Profession
from pathfinder.people.staffing import person_posts, person_seats

COLUMNS = [
    Column("person_id", "ID", ("person_id",)),
    Column("name", "Name", ("name", "person_id")),
    Column("profession", "Profession", ("profession", "name")),
    Column("posts", "Posts on the as-at date"),
]


@signed_in
def person_list(request):
    d = request.as_at
    q = request.GET.get("q", "").strip()
    profession = request.GET.get("profession", "")
    people = request.scope.people()
    if q:
        people = people.filter(Q(person_id__icontains=q) | Q(name__icontains=q))
    if profession in Profession.values:
        people = people.filter(profession=profession)
    listing = Listing(request, COLUMNS, "name")
    people = listing.order(people).prefetch_related(
        Prefetch(
            "posts",
            queryset=Post.objects.in_force(d).select_related("org").order_by("org__name"),
            to_attr="current_posts",
        )
    )
    if listing.wants_csv():
        header = ["person_id", "name", "profession", "posts"]
        rows = (
            [
                p.person_id,
                p.name,
                p.profession,
                "; ".join(f"{x.title}, {x.org_id}" for x in p.current_posts),
            ]
            for p in people.iterator(chunk_size=500)
        )
        return csv_response(f"people-{d.isoformat()}.csv", header, rows)
    page = listing.page(people)
    return render(
        request,
        "people/list.html",
        {
            "title": "People",
            "page": page,
            "headers": listing.headers(),
            "q": q,
            "profession": profession,
            "professions": Profession.choices,
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
