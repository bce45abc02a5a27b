"""API routes of this domain."""

from ninja import Router

router = Router(tags=["governance"])
