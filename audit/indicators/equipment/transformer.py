"""Distribution transformers by GB 20052 (2020 or 2024 edition); load, losses and efficiency."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

from audit.indicators.equipment.common import Graded, NoLimit, grade_of, missing, no_reference
from audit.reference import ReferenceData, Source
from audit.results import Indicator, Verdict
from forms.spec import Text

FORM_ID = "transformer"
STANDARD = "GB 20052"
ORDER = 60


def transformer_edition(values: Mapping[str, Any], reference: ReferenceData) -> tuple[str, str]:
    table = reference.raw["equipment/transformers_gb20052.json"]
    chosen = values.get("standard_edition") or "auto"
    if chosen in table["editions"]:
        return chosen, "chosen on the record"
    rule = table["edition_by_date"]
    bought = values.get("purchase_date")
    if not bought:
        return rule["from"], "no purchase date: latest edition"
    switch = dt.date.fromisoformat(rule["switch_date"])
    return (rule["before"] if dt.date.fromisoformat(str(bought)[:10]) < switch else rule["from"]), "by purchase date"


def operating(
    values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData
) -> list[Indicator]:
    """Economic load ratio, load ratio, losses, efficiency and annual losses at the measured load."""
    extras: list[Indicator] = []
    p0, pk, rated = values.get("no_load_loss_kw"), values.get("load_loss_kw"), values.get("rated_capacity_kva")
    if p0 and pk:
        extras.append(
            Indicator(
                "equipment.transformer.economic_load_ratio",
                Text("Economic (most efficient) load ratio √(P0/Pk)", "经济负载率 √(P0/Pk)"),
                math.sqrt(float(p0) / float(pk)) * 100.0,
                "%",
                {"p0_kw": p0, "pk_kw": pk},
            )
        )
    load = values.get("measured_load_kva")
    if rated and load is not None:
        beta = float(load) / float(rated)
        extras.append(
            Indicator(
                "equipment.transformer.load_ratio",
                Text("Load ratio β", "负载率 β"),
                beta * 100.0,
                "%",
                {"measured_load_kva": load, "rated_capacity_kva": rated},
            )
        )
        if p0 and pk:
            losses = float(p0) + beta * beta * float(pk)
            inputs = {"p0_kw": p0, "pk_kw": pk, "beta": round(beta, 4)}
            extras.append(
                Indicator(
                    "equipment.transformer.losses",
                    Text("Losses at measured load P0 + β²Pk", "实测负荷下损耗 P0 + β²Pk"),
                    losses,
                    "kW",
                    inputs,
                )
            )
            factor = values.get("power_factor")
            if factor:
                output = beta * float(rated) * float(factor)
                extras.append(
                    Indicator(
                        "equipment.transformer.efficiency",
                        Text("Efficiency at measured load", "实测负荷下效率"),
                        output / (output + losses) * 100.0 if output + losses > 0 else None,
                        "%",
                        {**inputs, "power_factor": factor, "output_kw": round(output, 2)},
                    )
                )
            hours = values.get("annual_operating_hours")
            if hours:
                extras.append(
                    Indicator(
                        "equipment.transformer.annual_losses",
                        Text("Annual losses at measured load", "年损耗电量（按实测负荷）"),
                        losses * float(hours),
                        "kWh",
                        {**inputs, "annual_operating_hours": hours},
                    )
                )
    return extras


def transformer_table(values: Mapping[str, Any]) -> tuple[str, str]:
    """Which GB 20052 table a transformer belongs to, and how that was decided."""
    voltage = values.get("primary_voltage_kv")
    dry = values.get("transformer_type") == "dry"
    if voltage is None:
        return ("dry_10kv" if dry else "oil_10kv"), "no primary voltage: 10 kV assumed"
    if 6.0 < float(voltage) <= 12.0:
        return ("dry_10kv" if dry else "oil_10kv"), "10 kV class"
    if 30.0 <= float(voltage) <= 40.5 and not dry:
        return "oil_35kv", "35 kV class"
    raise no_reference(
        f"{voltage:g} kV {'dry-type' if dry else 'oil-immersed'} transformers", f"{voltage:g} kV 该类变压器"
    )


def transformer_limits(
    values: Mapping[str, Any], row: Mapping[str, Any], table_key: str
) -> tuple[list[float | None] | None, list[float | None] | None, dict[str, Any]]:
    """P0 and Pk limits (grades 1/2/3) of the row for the record's core, vector group or insulation class."""
    core = values.get("core_material") or "steel"
    if table_key == "oil_35kv":
        return row["p0"], row["pk"], {}
    p0_limits = row["p0"].get(core)
    if table_key == "dry_10kv":
        insulation = values.get("insulation_class")
        if insulation not in ("B", "F", "H"):
            raise missing("insulation class (B/F/H) of the dry-type transformer", "干式变压器绝缘耐热等级（B/F/H）")
        return p0_limits, row["pk"][insulation], {"core_material": core, "insulation_class": insulation}
    group = {"Dyn11": "Dyn11", "Yzn11": "Dyn11", "Yyn0": "Yyn0"}.get(
        str(values.get("vector_group") or "Dyn11"), "Dyn11"
    )
    columns = row["pk"][core]
    pk_limits = columns.get("Yyn0") if row.get("single_pk_column") else columns.get(group)
    return (
        p0_limits,
        pk_limits,
        {"core_material": core, "vector_group": values.get("vector_group") or "Dyn11 (assumed)"},
    )


def grade(values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData) -> Graded:
    name = "equipment/transformers_gb20052.json"
    document = reference.raw[name]
    rated = values.get("rated_capacity_kva")
    p0, pk = values.get("no_load_loss_kw"), values.get("load_loss_kw")
    if not rated:
        raise missing("rated capacity", "额定容量")
    if not p0:
        raise missing("no-load loss P0", "空载损耗P0")
    if not pk:
        raise missing("load loss Pk", "负载损耗Pk")
    table_key, table_from = transformer_table(values)
    edition, edition_from = transformer_edition(values, reference)
    data = document["editions"][edition].get(table_key)
    fallback = None
    if data is None and edition_from != "chosen on the record":
        # In "auto" mode an older unit whose edition's table is not transcribed is graded against the
        # current edition, and says so; an explicitly chosen edition is never substituted.
        fallback = document["edition_fallback"]
        edition, edition_from = fallback["to"], f"{edition_from}; {fallback['note']}"
        data = document["editions"][edition].get(table_key)
    if data is None:
        raise no_reference(
            f"{table_key.replace('_', ' ')} in GB 20052-{edition} (choose the 2024 edition on the record to grade against it)",
            f"GB 20052-{edition} 的该类变压器（可在记录中选择按2024版评价）",
        )
    row = next((r for r in data["rows"] if abs(r["kva"] - float(rated)) < 1e-6), None)
    if row is None:
        raise no_reference(f"{rated:g} kVA", f"{rated:g} kVA")
    p0_limits, pk_limits, chosen = transformer_limits(values, row, table_key)
    if p0_limits is None or pk_limits is None or p0_limits[2] is None or pk_limits[2] is None:
        raise no_reference(f"{rated:g} kVA ({', '.join(str(v) for v in chosen.values())})", f"{rated:g} kVA")
    sources: tuple[Source, ...] = (reference.source_of(name, data["source"], data["status"]),)
    if row.get("single_pk_column"):
        caveat = document["status_notes"]["pk_630_2500"]
        sources += (reference.source_of(name, caveat["source"], caveat["status"], caveat["note"]),)
    if edition_from == "by purchase date" and edition == document["edition_by_date"]["before"]:
        rule = document["edition_by_date"]
        sources += (reference.source_of(name, rule["source"], rule["status"], rule["note"]),)
    if fallback is not None:
        sources += (reference.source_of(name, fallback["source"], fallback["status"], fallback["note"]),)
    v0, g0 = grade_of(float(p0), p0_limits, higher_is_better=False)
    try:
        vk, gk = grade_of(float(pk), pk_limits, higher_is_better=False)
    except NoLimit as undecided:
        # The grade is the worse of the two: a no-load grade at least as bad still decides it.
        if v0 is Verdict.BELOW_GRADE_3 or (g0 is not None and g0 >= undecided.grade):
            vk, gk = Verdict.GRADE, undecided.grade
        else:
            raise
    if Verdict.BELOW_GRADE_3 in (v0, vk):
        verdict, grade = Verdict.BELOW_GRADE_3, None
    else:
        verdict, grade = Verdict.GRADE, max(g0 or 3, gk or 3)
    inputs = {
        "edition": f"GB 20052-{edition}",
        "edition_from": edition_from,
        "table": table_key,
        "table_from": table_from,
        "rated_capacity_kva": rated,
        **chosen,
        "p0_kw": p0,
        "p0_limits_kw": p0_limits,
        "p0_grade": g0,
        "pk_kw": pk,
        "pk_limits_kw": pk_limits,
        "pk_grade": gk,
    }
    compared = Indicator(
        "equipment.transformer.losses_grade",
        Text("No-load and load losses", "空载损耗和负载损耗"),
        float(p0),
        "kW",
        inputs,
        sources,
    )
    return Graded(verdict, grade, compared, standard=f"GB 20052-{edition}")
