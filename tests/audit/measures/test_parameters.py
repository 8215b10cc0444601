"""The defaults and thresholds files load with a source and a status for every number."""

from __future__ import annotations

from audit.measures._parameters import load_parameters
from audit.reference import ReferenceData


def test_every_default_and_threshold_has_a_source_and_an_honest_status() -> None:
    parameters = load_parameters(ReferenceData())
    assert parameters.default("vsd.drive_efficiency").value == 0.95
    assert parameters.default("vsd.drive_efficiency").source.status == "C"
    assert parameters.threshold("power_factor.minimum").value == 0.90
    for sourced in (*parameters.defaults.values(), *parameters.thresholds.values()):
        assert sourced.source.standard and sourced.source.clause
        assert sourced.source.status in {"V", "C", "U", "D"}
    # Costs and lives are planning figures, never presented as verified.
    costs = [v for k, v in parameters.defaults.items() if k.startswith(("cost.", "life."))]
    assert costs and all(v.source.status == "U" for v in costs)
    codes, source = parameters.lists["lighting.inefficient_lamp_types"]
    assert "metal_halide" in codes and source.source.unverified
