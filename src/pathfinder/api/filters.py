"""The filters of the list routes: a filter's text as given, and a queryset narrowed by
the filters a caller gave, a filter left out narrowing nothing."""


def text_param(text: str | None) -> str | None:
    """A filter's text without surrounding space; absent or blank means no filter."""
    if text is None or not text.strip():
        return None
    return text.strip()


def narrowed(queryset, **values):
    """The queryset filtered on each field given a value; a field given None is not
    filtered on, as a list route treats a filter left out."""
    given = {field: value for field, value in values.items() if value is not None}
    return queryset.filter(**given) if given else queryset
