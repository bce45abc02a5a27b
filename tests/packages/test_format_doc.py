from pathlib import Path

from pathfinder.packages.format_doc import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "data-package.md"


def test_format_reference_is_current():
    assert DOC.read_text() == render() + "\n", (
        "regenerate: python -m pathfinder.packages.format_doc > docs/data-package.md"
    )


def test_reference_names_every_enum_value():
    text = render()
    assert "`sector_board`" in text and "`non_financial_professional`" in text
