"""The scoring matrix of an organisation: descriptors of likelihood and consequence 1 to
5, the score bands and the escalation threshold, with the NHS 5×5 as the default.

`Matrix` is a plain value; `matrices_for` reads the current version of several
organisations' matrices in one query. Versions are stored, never edited
(docs/decisions/0110).
"""

import datetime as dt
from dataclasses import dataclass

from pathfinder.risks.assessment import BANDS

NHS_LIKELIHOOD = ("Rare", "Unlikely", "Possible", "Likely", "Almost certain")
NHS_CONSEQUENCE = ("Negligible", "Minor", "Moderate", "Major", "Catastrophic")
MAX_BANDS = 6


@dataclass(frozen=True)
class Matrix:
    likelihood: tuple[str, ...]
    consequence: tuple[str, ...]
    bands: tuple[tuple[int, str], ...]  # (highest score, name), increasing, ending at 25
    threshold: int
    version: int | None = None  # None: the NHS standard, not stored
    matrix_id: int | None = None

    def __post_init__(self):
        # the band of every score 0..25, looked up per risk rather than searched
        names = tuple(next((name for top, name in self.bands if s <= top), "") for s in range(26))
        object.__setattr__(self, "_names", names)

    def band(self, score: int) -> str:
        if not 1 <= score <= 25:
            raise ValueError(f"a risk score is from 1 to 25, not {score}")
        return self._names[score]

    def band_index(self, score: int) -> int:
        """0 for the lowest band, upwards: for colouring a heat map."""
        return next(i for i, (top, _) in enumerate(self.bands) if score <= top)

    def escalates(self, score: int) -> bool:
        return score >= self.threshold

    @property
    def is_standard(self) -> bool:
        return self.version is None

    @property
    def label(self) -> str:
        return "NHS 5×5 standard" if self.version is None else f"version {self.version}"


def nhs_standard(threshold: int | None = None) -> Matrix:
    """The NHS 5×5 matrix, escalating at the deployment's threshold (15 by default)."""
    if threshold is None:
        from pathfinder.risks.assessment import baf_threshold

        threshold = baf_threshold()
    return Matrix(NHS_LIKELIHOOD, NHS_CONSEQUENCE, BANDS, threshold)


def check(
    likelihood: list[str], consequence: list[str], bands: list[tuple[int, str]], threshold: int
) -> dict[str, str]:
    """Problems with a proposed matrix, by field; empty when it can be used."""
    errors: dict[str, str] = {}
    for name, words in (("likelihood", likelihood), ("consequence", consequence)):
        for i, word in enumerate(words, start=1):
            if not word.strip():
                errors[f"{name}_{i}"] = f"Enter a descriptor for {name} {i}"
            elif len(word) > 60:
                errors[f"{name}_{i}"] = (
                    f"The descriptor for {name} {i} must be 60 characters or fewer"
                )
    if not bands:
        errors["band_1_name"] = "Enter at least one band"
    previous = 0
    names = set()
    for i, (top, name) in enumerate(bands, start=1):
        if not name.strip():
            errors[f"band_{i}_name"] = f"Enter a name for band {i}"
        elif name.strip().lower() in names:
            errors[f"band_{i}_name"] = f"Band {i} has the same name as another band"
        names.add(name.strip().lower())
        if not previous < top <= 25:
            errors[f"band_{i}_top"] = (
                f"The highest score of band {i} must be above {previous} and at most 25"
            )
        previous = top
    if bands and bands[-1][0] != 25 and f"band_{len(bands)}_top" not in errors:
        errors[f"band_{len(bands)}_top"] = "The last band must go up to 25"
    if not 1 <= threshold <= 25:
        errors["threshold"] = "The escalation threshold must be a score from 1 to 25"
    return errors


def from_row(row) -> Matrix:
    return Matrix(
        tuple(row.likelihood),
        tuple(row.consequence),
        tuple((int(top), str(name)) for top, name in row.bands),
        int(row.threshold),
        row.version,
        row.pk,
    )


def matrices_for(org_codes) -> dict[str, Matrix]:
    """The current (latest) matrix of each organisation that has one (of the codes
    given, or a subquery of them): one query."""
    from pathfinder.core.codes_table import in_value
    from pathfinder.risks.models import RiskMatrix

    out: dict[str, Matrix] = {}
    qs = RiskMatrix.objects.order_by("org_code", "version")
    if org_codes is not None:
        qs = qs.filter(org_code__in=in_value(org_codes))
    for row in qs:
        out[row.org_code] = from_row(row)  # later versions overwrite earlier ones
    return out


def matrix_of(org_code: str) -> Matrix:
    """The organisation's current matrix, or the NHS standard."""
    return matrices_for([org_code]).get(org_code) or nhs_standard()


def versions_by_id(ids) -> dict[int, Matrix]:
    from pathfinder.risks.models import RiskMatrix

    return {row.pk: from_row(row) for row in RiskMatrix.objects.filter(pk__in=list(ids))}


def review_due(last: dt.date, every_days: int | None) -> dt.date:
    from pathfinder.risks.assessment import DEFAULT_REVIEW_DAYS

    return last + dt.timedelta(days=DEFAULT_REVIEW_DAYS if every_days is None else every_days)
