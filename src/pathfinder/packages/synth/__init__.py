"""Synthetic data packages shaped like the 2011-13 commissioning transition.

`write_synthetic` writes a complete, internally consistent package (every reference
resolves, effective dates fall within the lives of the organisations they concern) for
load tests, benchmarks and demonstrations. The same seed gives the same files, byte for
byte: every table draws from its own random stream, seeded from the seed and its name,
and nothing depends on the clock, the machine or hash ordering. The ledger is written
as it is generated, never held whole. Scales and their shape: docs/decisions/0060.

One module per topic: world (the shared state), names, organisations, people, bodies,
accountability, interests, meetings, risks, support, agendas, finance; write puts
them in order and writes the files.
"""

from pathfinder.packages.synth.scales import SCALES, Scale
from pathfinder.packages.synth.text import money
from pathfinder.packages.synth.write import write_synthetic

__all__ = ["SCALES", "Scale", "money", "write_synthetic"]
