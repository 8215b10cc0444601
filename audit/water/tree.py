"""The unit tree: parents, children, depth-first order, and the units a cycle or a broken parent excludes."""

from __future__ import annotations

from dataclasses import dataclass, field

from audit.water.inputs import UnitInput
from audit.water.model import Flag, Severity
from forms.spec import Text


@dataclass
class UnitTree:
    units: dict[str, UnitInput]
    children: dict[str, list[str]] = field(default_factory=dict)
    roots: list[str] = field(default_factory=list)
    # Units left out of the balance (in a cycle, below one, or with a missing parent).
    excluded: set[str] = field(default_factory=set)
    order: list[str] = field(default_factory=list)


def build_tree(units: list[UnitInput]) -> tuple[UnitTree, list[Flag]]:
    flags: list[Flag] = []
    by_uuid = {u.uuid: u for u in units}
    tree = UnitTree(by_uuid, {u.uuid: [] for u in units})
    broken: set[str] = set()
    for unit in units:
        if unit.level is None:
            flags.append(
                _flag(
                    "water.unit_level_missing",
                    unit,
                    Text(f"Unit {unit.name} has no level.", f"用水单元“{unit.name}”未填级别。"),
                )
            )
            broken.add(unit.uuid)
        elif unit.level != 1 and (unit.parent_uuid is None or unit.parent_uuid not in by_uuid):
            flags.append(
                _flag(
                    "water.unit_parent_missing",
                    unit,
                    Text(
                        f"Unit {unit.name} (level {unit.level}) has no parent unit in this audit; it is left out of the balance.",
                        f"用水单元“{unit.name}”（{unit.level}级）没有有效的上级单元，未计入水平衡。",
                    ),
                )
            )
            broken.add(unit.uuid)
    # Cycles: follow each unit's parent chain; a chain that comes back to a unit it passed is a cycle.
    in_cycle: set[str] = set()
    reported: set[frozenset[str]] = set()
    for unit in units:
        path: list[str] = []
        current: str | None = unit.uuid
        while current is not None and current in by_uuid and current not in path:
            path.append(current)
            current = by_uuid[current].parent_uuid
        if current is not None and current in path:
            cycle = path[path.index(current) :]
            key = frozenset(cycle)
            in_cycle |= key
            if key not in reported:
                reported.add(key)
                names = [by_uuid[u].name for u in cycle] + [by_uuid[cycle[0]].name]
                flags.append(
                    Flag(
                        "water.unit_cycle",
                        Severity.ERROR,
                        Text(
                            f"Units {' → '.join(names)} are each other's parents (a cycle); they and the units below them are left out of the balance.",
                            f"用水单元 {' → '.join(names)} 互为上级（形成循环），这些单元及其下级单元未计入水平衡。",
                        ),
                        by_uuid[cycle[0]].name,
                        cycle[0],
                    )
                )
    # A unit is excluded when it, or any unit above it, is broken or in a cycle.
    for unit in units:
        current = unit.uuid
        seen: set[str] = set()
        while current is not None and current in by_uuid and current not in seen:
            if current in broken or current in in_cycle:
                tree.excluded.add(unit.uuid)
                break
            seen.add(current)
            current = by_uuid[current].parent_uuid
    for unit in units:
        if unit.uuid in tree.excluded:
            continue
        if unit.level == 1 or unit.parent_uuid is None:
            tree.roots.append(unit.uuid)
        else:
            tree.children[unit.parent_uuid].append(unit.uuid)
            parent = by_uuid[unit.parent_uuid]
            if parent.level is not None and unit.level != parent.level + 1:
                flags.append(
                    Flag(
                        "water.unit_level_mismatch",
                        Severity.WARNING,
                        Text(
                            f"Unit {unit.name} is level {unit.level} but its parent {parent.name} is level {parent.level}.",
                            f"用水单元“{unit.name}”为{unit.level}级，但其上级“{parent.name}”为{parent.level}级。",
                        ),
                        unit.name,
                        unit.uuid,
                    )
                )
    if len(tree.roots) > 1:
        root_names = ", ".join(by_uuid[r].name for r in tree.roots)
        flags.append(
            Flag(
                "water.several_roots",
                Severity.WARNING,
                Text(
                    f"There are {len(tree.roots)} level-1 units ({root_names}); the enterprise balance is their sum.",
                    f"共有{len(tree.roots)}个一级单元（{root_names}），企业水平衡按其合计计算。",
                ),
            )
        )

    def visit(uuid: str) -> None:
        tree.order.append(uuid)
        for child in tree.children[uuid]:
            visit(child)

    for root in tree.roots:
        visit(root)
    return tree, flags


def _flag(code: str, unit: UnitInput, message: Text) -> Flag:
    return Flag(code, Severity.ERROR, message, unit.name, unit.uuid)
