"""The bundled demo: a data package of a 2011-12 transition (Cambridgeshire and
Peterborough), with fictional people and invented figures."""

from pathlib import Path

DEMO_PACKAGE = Path(__file__).resolve().parent / "east-2011"
