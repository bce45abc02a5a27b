"""A Django form field for the NHS.UK date input: the widget hands over the three boxes
as typed and the field reads them with `core.date_input.read_date`, so a form, a page
and the as-at control give the same messages. Its template is the `date_input` macro
(core/templates/core/date_input.html)."""

from django import forms

from pathfinder.core.date_input import PARTS, as_entry, given


class DatePartsWidget(forms.Widget):
    def value_from_datadict(self, data, files, name):
        """The boxes as typed (a dict), or the ISO text of a link."""
        if any(f"{name}-{p}" in data for p in PARTS):
            return {p: data.get(f"{name}-{p}", "") for p in PARTS}
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return not given(data, name)


class DateInputField(forms.Field):
    """`what` names the date in messages ("Start date must include a month") where the
    label is a question."""

    widget = DatePartsWidget

    def __init__(self, *, what: str = "", **kwargs):
        super().__init__(**kwargs)
        self.what = what or str(self.label or "Date")

    def to_python(self, value):
        entry = as_entry(value, label=self.what, required=self.required)
        typed_iso = isinstance(value, str) and value.strip()
        if entry.empty and entry.error and not typed_iso:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if entry.error:
            raise forms.ValidationError(entry.error, code="invalid")
        return entry.date

    def validate(self, value):
        # Whether anything was typed is read by `to_python`, the only place that sees it.
        pass
