"""Reading many meetings at once answers as reading each meeting alone."""

import pytest

from pathfinder.governance.conflict_facts import load_meeting_facts
from pathfinder.governance.conflicts import analyse_meeting, as_json
from pathfinder.governance.meeting_batch import load_meetings_facts
from pathfinder.governance.models import Meeting


@pytest.mark.django_db
def test_the_batch_gives_each_meeting_the_same_answers(east, assert_max_queries):
    with assert_max_queries(8):
        batch = load_meetings_facts(Meeting.objects.all())
    assert [f.meeting for f in batch] == list(
        Meeting.objects.order_by("date", "meeting_id").values_list("meeting_id", flat=True)
    )
    for facts in batch:
        alone = load_meeting_facts(facts.meeting)
        assert [as_json(r) for r in analyse_meeting(facts)] == [
            as_json(r) for r in analyse_meeting(alone)
        ]


@pytest.mark.django_db
def test_no_meetings_reads_nothing_more(east, assert_max_queries):
    with assert_max_queries(1):
        assert load_meetings_facts(Meeting.objects.none()) == []
