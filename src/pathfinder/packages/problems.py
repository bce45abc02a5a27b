"""What a load found and what it gave: problems named file:row:column, and the state of
one load (the problems so far and the keys seen per table)."""

from dataclasses import dataclass, field

from pathfinder.packages.schema import BY_NAME

MAX_PROBLEMS = 1000


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.row, self.column) if p is not None)
        return f"{where}: {self.message}"

    def as_json(self) -> dict:
        return {"file": self.file, "row": self.row, "column": self.column, "message": self.message}


@dataclass
class LoadResult:
    ok: bool
    loaded: dict[str, int] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    truncated: bool = False

    def as_json(self) -> dict:
        if self.ok:
            return {"ok": True, "loaded": self.loaded}
        out = {"ok": False, "errors": [p.as_json() for p in self.errors]}
        if self.truncated:
            out["truncated"] = True
        return out


class TooMany(Exception):
    """MAX_PROBLEMS have been found: the load stops reading."""


class Run:
    """State of one load: the problems so far and the keys seen per table."""

    def __init__(self, replace: bool, write: bool, progress):
        self.replace = replace
        self.write = write
        self.progress = progress
        self.problems: list[Problem] = []
        self.truncated = False
        self.keys: dict[str, set] = {}
        self._db_keys: dict[str, set] = {}
        self.known_cache: dict[str, tuple[int, frozenset]] = {}

    def problem(self, file, row, column, message):
        if len(self.problems) >= MAX_PROBLEMS:
            self.truncated = True
            raise TooMany
        self.problems.append(Problem(file, row, column, message))

    def db_keys(self, table: str) -> set:
        """Keys of a table already in the database (none when replacing)."""
        if self.replace:
            return set()
        if table not in self._db_keys:
            model = BY_NAME[table].get_model()
            self._db_keys[table] = set(model.objects.values_list("pk", flat=True))
        return self._db_keys[table]

    @property
    def writing(self) -> bool:
        """Rows are written only while nothing is wrong: any problem rolls all back."""
        return self.write and not self.problems

    def known(self, table: str, value: str) -> bool:
        return value in self.keys.get(table, ()) or value in self.db_keys(table)
