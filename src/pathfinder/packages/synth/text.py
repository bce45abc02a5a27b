"""Values as the package's CSV text."""


def cell(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def money(pence: int) -> str:
    """Whole pence as the package's pounds text: 123456 -> '1234.56'."""
    sign = "-" if pence < 0 else ""
    pence = abs(pence)
    return f"{sign}{pence // 100}.{pence % 100:02d}"
