"""The date input's boxes are made once for the same arguments, and again for others."""

import datetime as dt

from django.template import engines


def render(**values) -> str:
    env = engines["jinja2"].env
    template = env.from_string(
        '{% from "core/date_input.html" import date_input %}'
        '{{ date_input("as_at", "Records as at", value, error=error, id="as-at") }}'
    )
    return template.render(**values)


def test_the_same_arguments_give_the_same_boxes_once_made():
    boxes = engines["jinja2"].env.globals["date_boxes"]
    first = render(value=dt.date(2012, 3, 31), error="")
    made = boxes.made.cache_info().hits
    assert render(value="2012-03-31", error="") == first  # the same date, as ISO text
    assert boxes.made.cache_info().hits == made + 1
    assert 'value="31"' in first and 'value="2012"' in first
    assert "nhsuk-input--error" not in first


def test_another_date_or_an_error_gives_other_boxes():
    assert 'value="1"' in render(value=dt.date(2012, 4, 1), error="")
    wrong = render(value={"day": "32", "month": "3", "year": "2012"}, error="Must be real")
    assert 'value="32"' in wrong and "Must be real" in wrong
    assert "nhsuk-input--error" in wrong


def test_what_is_typed_is_escaped():
    typed = render(value={"day": "<b>", "month": "3", "year": "2012"}, error="<i>")
    assert "<b>" not in typed and "&lt;b&gt;" in typed
    assert "<i>" not in typed


def test_an_argument_that_cannot_be_a_key_is_still_shown():
    env = engines["jinja2"].env
    template = env.from_string(
        '{% from "core/date_input.html" import date_input %}'
        '{{ date_input("due", "Due by", none, classes=["a"]) }}'
    )
    assert 'name="due-day"' in template.render()
