"""The one query-counting fixture counts what a streamed body reads, keeps the body
readable, and fails listing the queries when over budget."""

import pytest
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import path

from pathfinder.organisations.models import Organisation


def _counted_late(request):
    def body():
        yield "organisations,"
        yield str(Organisation.objects.count())  # read only as the body is sent

    return StreamingHttpResponse(body(), content_type="text/csv")


urlpatterns = [path("late/", _counted_late)]


@pytest.mark.django_db
@pytest.mark.urls("tests.test_query_fixture")
def test_a_streamed_body_is_read_and_counted_inside_the_block(assert_max_queries):
    # Two: the date the request is as at (the package's reference date), then the body's.
    with assert_max_queries(2) as ctx:
        response = Client().get("/late/")
    assert len(ctx) == 2 and "COUNT" in ctx[1]["sql"].upper()
    assert b"".join(response.streaming_content) == b"organisations,0"
    over = pytest.raises(pytest.fail.Exception, match=r"/late/: 2 queries, more than 1:\n1\. ")
    with over, assert_max_queries(1, "/late/"):
        Client().get("/late/")
