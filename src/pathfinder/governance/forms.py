"""Forms of the governance pages: what each field accepts and the message shown beside
it when it does not. The writes themselves are in `actions`."""

from django import forms

from pathfinder.core.date_field import DateInputField
from pathfinder.governance.models import Capacity, LineKind


def _date(label: str, required: bool = True) -> DateInputField:
    return DateInputField(
        label=label, required=required, error_messages={"required": f"Enter the {label.lower()}"}
    )


def _decision_type() -> forms.SlugField:
    return forms.SlugField(
        label="Decision type",
        max_length=60,
        error_messages={
            "required": "Enter the decision type, like contract_award",
            "invalid": "Use lower-case letters, numbers and underscores, like contract_award",
        },
    )


def _pounds(label: str, **messages: str) -> forms.DecimalField:
    """An optional amount in pounds and pence, never below zero; `messages` by error."""
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        error_messages=messages,
    )


class MembershipForm(forms.Form):
    person_id = forms.CharField(
        label="Person ID",
        max_length=32,
        error_messages={"required": "Enter the ID of the person joining"},
    )
    capacity = forms.ChoiceField(
        label="Capacity",
        choices=Capacity.choices,
        error_messages={"required": "Choose the capacity they sit in"},
    )
    voting = forms.TypedChoiceField(
        label="Voting member",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        error_messages={"required": "Say whether they may vote"},
    )
    valid_from = _date("Start date")
    valid_to = _date("End date", required=False)


class EndForm(forms.Form):
    """End one of the records offered (`record` is its id)."""

    record = forms.TypedChoiceField(
        label="Record", coerce=int, error_messages={"required": "Choose the record to end"}
    )
    valid_to = _date("Last day in force")

    def __init__(self, *args, choices=(), noun="record", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record"].choices = [(str(k), v) for k, v in choices]
        self.fields["record"].error_messages = {
            "required": f"Choose the {noun} to end",
            "invalid_choice": f"Choose one of the {noun}s in force",
        }


class LineForm(forms.Form):
    subject = forms.ChoiceField(
        label="Subject", error_messages={"required": "Choose who or what is held to account"}
    )
    holder = forms.CharField(
        label="Held to account by",
        max_length=50,
        error_messages={"required": "Enter who holds it to account, like body:B-5PP"},
    )
    kind = forms.ChoiceField(
        label="Kind of line",
        choices=LineKind.choices,
        error_messages={"required": "Choose the kind of line"},
    )
    scope = forms.CharField(label="Scope", max_length=100, required=False)
    valid_from = _date("Start date")
    valid_to = _date("End date", required=False)

    def __init__(self, *args, subjects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = list(subjects)
        self.fields["subject"].error_messages["invalid_choice"] = (
            "Choose one of this organisation's bodies or functions, or the organisation"
        )


class DelegationForm(forms.Form):
    decision_type = _decision_type()
    delegate = forms.CharField(
        label="Delegated to",
        max_length=50,
        error_messages={
            "required": "Enter who may decide, like body:B-CAM or role:chief_executive"
        },
    )
    limit = _pounds(
        "Limit in pounds",
        invalid="Enter the limit as an amount in pounds, like 250000 or 250000.00",
        min_value="The limit must be £0 or more, or left empty",
        max_decimal_places="Enter the limit to the penny at most",
    )
    valid_from = _date("Start date")
    valid_to = _date("End date", required=False)


class AuthorityForm(forms.Form):
    """Who may decide a decision of a type and amount, as at the page's date."""

    decision_type = _decision_type()
    amount = _pounds(
        "Amount in pounds",
        invalid="Enter the amount in pounds, like 300000",
        min_value="The amount must be £0 or more",
        max_decimal_places="Enter the amount to the penny at most",
    )
