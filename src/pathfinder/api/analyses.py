"""The analyses of RULES.md, answering with the same JSON as `pathfinder <analysis> --json`.

Each route calls the analysis module's `report()` that the CLI calls (the module map is
the CLI's), imported when first used, and keeps of its answer what the caller's scope
allows, as the domain's pages do (`analyses_scope`, docs/decisions/0072). A caller whose
roles cover every organisation gets the CLI's answer unchanged; one with no role, 403.
"""

import importlib
from typing import Any, Literal

from ninja import Query, Router
from ninja.errors import AuthorizationError, HttpError

from pathfinder.api import analyses_scope, schemas
from pathfinder.api.auth import caller_scope
from pathfinder.api.params import (
    AS_AT,
    YEAR_HELP,
    DateText,
    RequiredYearText,
    as_at_param,
    date_param,
    year_param,
)
from pathfinder.cli import ANALYSES
from pathfinder.core.roles import Permission

router = Router(tags=["analyses"])

RESPONSES = schemas.answers(dict[str, Any], 400, 403, 501)
YEAR = Query(..., description=YEAR_HELP, example="2011-12")
RESTATE_AS_AT = Query(
    None, description="Attribute spend to organisations as structured on this date, YYYY-MM-DD."
)
AS_AT_OPTIONAL = Query(
    None,
    description="The date the answer is as at, YYYY-MM-DD (default: the analysis's own, "
    "as in the command line: the year's end or today, whichever is earlier).",
    example="2011-10-31",
)


def run(request, name: str, **kwargs) -> dict:
    """Authorise, call the analysis and keep what is in scope; its UserError and
    NotFound become 400 and 404."""
    if not caller_scope(request).any(Permission.VIEW):
        raise AuthorizationError(message="You hold no role, so you cannot run analyses")
    if name == "conflicts":
        analyses_scope.check_decision(request, kwargs["decision"])
    module_name = ANALYSES[name][0]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        if e.name != module_name:
            raise
        raise HttpError(501, f"The {name} analysis is not available in this version") from None
    return analyses_scope.in_scope(request, name, module.report(**kwargs))


def _dated(name: str, summary: str):
    def view(request, as_at: DateText = AS_AT):
        return run(request, name, as_at=as_at_param(as_at))

    view.__name__ = name
    view.__doc__ = (
        f"{summary} as at the date (RULES.md), in your scope; the shape of "
        f"`pathfinder {name} --json`."
    )
    router.get(f"/analyses/{name}", response=RESPONSES, summary=summary)(view)


_dated("accountability", "Accountability findings and chains")
_dated("register", "Register of interests findings")
_dated("risks", "Risk scores, bands and escalation")
_dated("support", "Support reach and capacity")
_dated("agendas", "Agenda stances and divergence")


@router.get("/analyses/conflicts", response=RESPONSES, summary="Conflicts for a decision")
def conflicts(
    request, decision: str = Query(..., description="The decision's id.", example="D-CAM-1")
):
    """Conflicts of interest, quorum and authority for one decision taken by a body in your
    scope (RULES.md); the shape of `pathfinder conflicts --json`."""
    return run(request, "conflicts", decision=decision)


@router.get("/analyses/finance", response=RESPONSES, summary="Finance roll-up")
def finance(
    request,
    year: RequiredYearText = YEAR,
    by: Literal["organisation", "statutory", "cluster"] = Query(
        ..., description="How to group the rows."
    ),
    as_at: DateText = AS_AT_OPTIONAL,
    restate_as_at: DateText = RESTATE_AS_AT,
):
    """Budget, actual, forecast and variance of the groups in your scope (RULES.md); the
    shape of `pathfinder finance --json`, with the total of the rows shown."""
    return run(
        request,
        "finance",
        year=str(year_param(year)),
        by=by,
        as_at=date_param("as_at", as_at),
        restate_as_at=date_param("restate_as_at", restate_as_at),
    )


@router.get("/analyses/qipp", response=RESPONSES, summary="QIPP delivery")
def qipp(request, year: RequiredYearText = YEAR, as_at: DateText = AS_AT_OPTIONAL):
    """QIPP savings planned and delivered to date, with RAG, of the schemes in your scope
    (RULES.md); the shape of `pathfinder qipp --json`."""
    return run(request, "qipp", year=str(year_param(year)), as_at=date_param("as_at", as_at))
