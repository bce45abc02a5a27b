"""The data package format's reference page, written from the one description.

python -m pathfinder.packages.format_doc > docs/data-package.md
"""

from pathfinder.packages import types as t


def describe_type(col) -> str:
    kind = col.type
    if isinstance(kind, t.Enum):
        return "one of " + ", ".join(f"`{c}`" for c in kind.choices)
    if isinstance(kind, t.Reference):
        parts = []
        for k, target in kind.kinds.items():
            parts.append(f"`{k}:ROLE`" if isinstance(target, tuple) else f"`{k}:ID` ({target})")
        return "reference: " + " or ".join(parts)
    if isinstance(kind, t.Integer):
        if kind.hi is not None:
            return f"whole number {kind.lo}-{kind.hi}"
        return f"whole number ≥ {kind.lo}"
    if isinstance(kind, t.DecimalNumber):
        return f"number {kind.lo}-{kind.hi}, up to {kind.places} decimals"
    return {
        "code": "code",
        "codes": "codes separated by `;`",
        "bool": "`true` / `false`",
        "date": "date `YYYY-MM-DD`",
        "month": "month `YYYY-MM`",
        "fy": "financial year `YYYY-YY`",
        "money": "pounds, up to 2 decimals",
    }.get(kind.name, "text")


def render() -> str:
    from pathfinder.packages.schema import TABLES

    out = [
        "# The data package format (v1): table reference",
        "",
        "Written from `src/pathfinder/packages/schema.py`, the description that validation,",
        "loading and export also read; `tests/packages/test_format_doc.py` keeps it current.",
        "Tables are listed in load order.",
        "",
    ]
    for table in TABLES:
        out += [f"## {table.file}", ""]
        if table.key:
            out += [f"Key: {', '.join(f'`{k}`' for k in table.key)}", ""]
        out += ["| column | type | required | refers to | default |", "|---|---|---|---|---|"]
        for col in table.columns:
            default = "" if col.default in (None, "") else f"`{col.default}`"
            out.append(
                f"| `{col.name}` | {describe_type(col)} | {'yes' if col.required else ''} "
                f"| {col.refers} | {default} |"
            )
        out.append("")
    out += [
        "## datapackage.json (optional)",
        "",
        "A JSON object beside the tables, in the spirit of the Frictionless descriptor: any",
        "property may be there; the ones read are checked. A reader that knows only the",
        "tables passes it by.",
        "",
        "| property | type | notes |",
        "|---|---|---|",
        "| `reference_date` | date `YYYY-MM-DD` | the date the pages open on for this "
        "package (the demo's); without it, today |",
        "",
    ]
    return "\n".join(out)


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pathfinder.settings")
    django.setup()
    print(render())
