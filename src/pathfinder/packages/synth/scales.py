"""The scales a synthetic package comes in, and the seeded random streams it draws from."""

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    shas: int
    pcts: int
    clusters: int
    consortia: int
    practices: int
    trusts: int
    people: int
    ledger: int
    federations: int
    support_units: int
    local_authorities: int
    senates: int
    support_offers: int
    proposals: int


SCALES = {
    "small": Scale(
        shas=1,
        pcts=3,
        clusters=1,
        consortia=5,
        practices=40,
        trusts=4,
        people=260,
        ledger=2_000,
        federations=2,
        support_units=1,
        local_authorities=2,
        senates=1,
        support_offers=4,
        proposals=3,
    ),
    "region": Scale(
        shas=1,
        pcts=15,
        clusters=5,
        consortia=25,
        practices=800,
        trusts=25,
        people=3_000,
        ledger=100_000,
        federations=10,
        support_units=3,
        local_authorities=15,
        senates=1,
        support_offers=10,
        proposals=20,
    ),
    "national": Scale(
        shas=10,
        pcts=150,
        clusters=50,
        consortia=250,
        practices=8_000,
        trusts=250,
        people=30_000,
        ledger=1_000_000,
        federations=100,
        support_units=23,
        local_authorities=150,
        senates=12,
        support_offers=40,
        proposals=150,
    ),
}


class Streams:
    """One independent random stream per name, so tables do not shift one another."""

    def __init__(self, seed: int):
        self.seed = seed

    def __call__(self, name: str) -> random.Random:
        return random.Random(f"pathfinder-synth:{self.seed}:{name}")
