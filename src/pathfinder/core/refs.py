"""References in the `kind:id` form of DATA-PACKAGE.md and CLI.md."""

import re
from typing import NamedTuple

CODE_RE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
REF_KINDS = ("org", "body", "function", "role", "person", "interest", "gift", "risk")


class Ref(NamedTuple):
    kind: str
    id: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


def is_code(text: str) -> bool:
    return bool(CODE_RE.match(text))


def parse_ref(text: str, kinds: tuple[str, ...] = REF_KINDS) -> Ref:
    kind, sep, ident = text.partition(":")
    if not sep or kind not in kinds:
        raise ValueError(f"not a reference ({' or '.join(k + ':ID' for k in kinds)}): {text!r}")
    if not is_code(ident):
        raise ValueError(f"not a valid code after '{kind}:': {ident!r}")
    return Ref(kind, ident)


def ref(kind: str, ident: str) -> str:
    return f"{kind}:{ident}"
