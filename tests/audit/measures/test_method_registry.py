"""Meta-test: every savings method is found, documented, classified, and tested against a value."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import audit.measures as package
from audit.measures import CostClass, methods

HERE = Path(__file__).parent


def test_every_method_module_is_found_documented_and_tested() -> None:
    tests = "\n".join(
        path.read_text(encoding="utf-8") for path in HERE.glob("test_*.py") if path.name != Path(__file__).name
    )
    modules = [info.name for info in pkgutil.iter_modules(package.__path__) if not info.name.startswith("_")]
    assert len(modules) >= 14
    for name in modules:
        module = importlib.import_module(f"audit.measures.{name}")
        assert module.__doc__ and module.__doc__.strip(), name
        assert f"from audit.measures.{name} import" in tests, f"no test imports audit.measures.{name}"
    registered = methods()
    assert {"motor_replacement", "variable_speed_drive", "air_leak_repair", "pressure_reduction"} <= set(registered)
    for method in registered.values():
        assert method.label.en and method.label.zh, method.id
        assert re.fullmatch(r"[23]\.\d{1,4}(\.\d)?", method.iac_code), method.id
        assert method.iac_status in {"V", "C", "U"}, method.id
        assert method.reference, method.id
        assert isinstance(method.cost_class, CostClass)


def test_the_measure_form_offers_every_method() -> None:
    from forms.registry import default_registry

    offered = {choice.code for choice in default_registry()["measure"].field("method").choices}
    assert offered == set(methods()) | {"other"}
