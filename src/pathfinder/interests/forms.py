"""Declaration forms: an interest, a gift or hospitality. Dates are typed as day, month
and year (core/date_field.py); an organisation is named by its code."""

from django import forms

from pathfinder.core.date_field import DateInputField as DateField
from pathfinder.interests.models import GiftKind, InterestCategory


class InterestForm(forms.Form):
    category = forms.ChoiceField(
        label="What kind of interest is it?",
        choices=InterestCategory.choices,
        error_messages={"required": "Choose the kind of interest"},
    )
    counterparty = forms.CharField(
        label="Organisation code",
        required=False,
        max_length=32,
    )
    description = forms.CharField(
        label="Describe the interest",
        max_length=1000,
        error_messages={"required": "Describe the interest"},
    )
    interest_from = DateField(
        label="When did the interest begin?",
        what="Date the interest began",
        error_messages={"required": "Enter the date the interest began"},
    )

    def clean_counterparty(self):
        from pathfinder.organisations.models import Organisation

        code = self.cleaned_data["counterparty"].strip().upper().removeprefix("ORG:")
        if not code:
            return None
        org = Organisation.objects.filter(code=code).first()
        if org is None:
            raise forms.ValidationError(
                f"There is no organisation with the code {code}; leave it empty for an "
                "interest that names no organisation"
            )
        return org


class GiftForm(forms.Form):
    kind = forms.ChoiceField(
        label="Was it a gift or hospitality?",
        choices=GiftKind.choices,
        error_messages={"required": "Choose gift or hospitality"},
    )
    offered_by = forms.CharField(
        label="Who offered it?",
        max_length=300,
        error_messages={"required": "Enter who offered it"},
    )
    description = forms.CharField(
        label="What was it?", max_length=1000, error_messages={"required": "Describe it"}
    )
    value = forms.DecimalField(
        label="Its value in pounds",
        min_value=0,
        max_digits=12,
        decimal_places=2,
        error_messages={
            "required": "Enter its value in pounds, like 45.00",
            "invalid": "Enter its value in pounds, like 45.00",
        },
    )
    offered_on = DateField(
        label="When was it offered?",
        what="Date it was offered",
        error_messages={"required": "Enter the date it was offered"},
    )
    accepted = forms.ChoiceField(
        label="Did you accept it?",
        choices=[("yes", "Yes, I accepted it"), ("no", "No, I declined it")],
        error_messages={"required": "Say whether you accepted it"},
    )
