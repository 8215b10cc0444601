"""Equipment grading by the Chinese energy-efficiency standards, outdated-catalogue matches, load and losses."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from audit.indicators.result import Indicator, merge_sources
from audit.reference import ReferenceData, Source, worst_status
from forms.spec import Text

GRADED_FORMS = ("motor", "pump", "fan", "air_compressor", "boiler", "transformer")
GRAVITY = 9.81  # m/s², with water at 1 000 kg/m³ for the hydraulic power of a pump


@dataclass(frozen=True)
class OutdatedMatch:
    entry_id: str
    item: str
    reason: str
    suspected: bool
    source: Source

    def message(self) -> Text:
        if self.suspected:
            return Text(f"Suspected outdated model: {self.item}", f"疑似淘汰型号：{self.item}")
        return Text(f"Outdated model: {self.item}", f"淘汰型号：{self.item}")


@dataclass(frozen=True)
class EquipmentResult:
    uuid: str
    form_id: str
    tag: str
    name: str
    standard: str
    verdict: str  # grade, below_grade_3, meets_limit, cannot_grade, not_applicable
    grade: int | None
    message: Text
    compared: Indicator | None = None
    outdated: OutdatedMatch | None = None
    extras: list[Indicator] = field(default_factory=list)

    @property
    def sources(self) -> tuple[Source, ...]:
        groups = [self.compared.sources if self.compared else ()]
        groups += [extra.sources for extra in self.extras]
        if self.outdated is not None:
            groups.append((self.outdated.source,))
        return merge_sources(*groups)

    @property
    def status(self) -> str:
        """The least trustworthy status of anything shown for the record (grade, catalogue, load model)."""
        return worst_status([s.status for s in self.sources])

    @property
    def grade_status(self) -> str:
        """The status of the grade itself: the table values (and rules) it was compared with."""
        return self.compared.status if self.compared is not None else "V"

    def as_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "form_id": self.form_id,
            "tag": self.tag,
            "name": self.name,
            "standard": self.standard,
            "verdict": self.verdict,
            "grade": self.grade,
            "message": {"en": self.message.en, "zh": self.message.zh},
            "status": self.status,
            "grade_status": self.grade_status,
            "compared": None if self.compared is None else self.compared.as_dict(),
            "outdated": None
            if self.outdated is None
            else {
                "entry": self.outdated.entry_id,
                "item": self.outdated.item,
                "reason": self.outdated.reason,
                "suspected": self.outdated.suspected,
                "source": self.outdated.source.as_dict(),
            },
            "extras": [extra.as_dict() for extra in self.extras],
        }


class CannotGrade(Exception):
    """Grading stops: a value is missing on the record, or the table has no reference value for it."""

    def __init__(self, message: Text, verdict: str = "cannot_grade") -> None:
        super().__init__(message.en)
        self.message = message
        self.verdict = verdict


def missing(en: str, zh: str) -> CannotGrade:
    return CannotGrade(Text(f"Cannot grade: missing {en}", f"无法评级：缺少{zh}"))


def no_reference(en: str, zh: str) -> CannotGrade:
    return CannotGrade(Text(f"Cannot grade: no reference value for {en}", f"无法评级：无{zh}的参考值"))


def grade_of(value: float, limits: Sequence[float | None], higher_is_better: bool) -> tuple[str, int | None]:
    """Grade of `value` against grade 1/2/3 limits (3 = the minimum allowed); ties meet the limit."""
    if limits[2] is None:
        raise no_reference("grade 3", "3级")

    def meets(limit: float | None) -> bool:
        if limit is None:
            return False
        return value >= limit - 1e-9 if higher_is_better else value <= limit + 1e-9

    for grade, limit in ((1, limits[0]), (2, limits[1]), (3, limits[2])):
        if meets(limit):
            return "grade", grade
    return "below_grade_3", None


def verdict_text(verdict: str, grade: int | None) -> Text:
    if verdict == "grade":
        return Text(f"Grade {grade}", f"{grade}级")
    if verdict == "below_grade_3":
        return Text("Below grade 3 (under the minimum allowed)", "低于3级（未达能效限定值）")
    if verdict == "meets_limit":
        return Text("Meets the limit", "达到限定值")
    return Text("Not graded", "未评级")


# -- helpers --------------------------------------------------------------------------------------


def latest_measurement(measurements: Sequence[Mapping[str, Any]], quantity: str) -> Mapping[str, Any] | None:
    rows = [m for m in measurements if m.get("quantity_measured") == quantity and m.get("value") is not None]
    return max(rows, key=lambda m: str(m.get("measured_at") or "")) if rows else None


def measured_input_kw(
    values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]]
) -> tuple[float | None, dict[str, Any]]:
    """Input power from the record, else the latest spot measurement of active power (W converted to kW)."""
    if values.get("measured_input_kw"):
        return float(values["measured_input_kw"]), {"input_kw_from": "record"}
    row = latest_measurement(measurements, "active_power")
    if row is None:
        return None, {}
    value = float(row["value"]) / (1000.0 if row.get("unit") == "W" else 1.0)
    return value, {
        "input_kw_from": "spot measurement",
        "measured_at": row.get("measured_at"),
        "instrument": row.get("instrument"),
        "calibration_date": row.get("calibration_date"),
    }


def match_outdated(form_id: str, values: Mapping[str, Any], reference: ReferenceData) -> OutdatedMatch | None:
    name = "equipment/outdated_catalogue.json"
    document = reference.raw[name]
    model = " ".join(str(values.get("model") or "").upper().split())
    for entry in document["entries"]:
        if form_id not in entry["forms"]:
            continue
        source = reference.source_of(name, entry["source"], entry["status"])
        if "fuel" in entry:
            if values.get("fuel") != entry["fuel"]:
                continue
            capacity = boiler_capacity_t_per_h(values, reference)
            if capacity is None:
                return OutdatedMatch(entry["id"], entry["item"], entry["reason"], True, source)
            if capacity <= entry["max_capacity_t_per_h"] + 1e-9:
                return OutdatedMatch(entry["id"], entry["item"], entry["reason"], False, source)
            continue
        if not model:
            continue
        exact = [m.upper().replace(" ", "") for m in entry.get("exact", [])]
        candidate = re.sub(r"^[0-9.]+", "", model) if entry.get("size_prefix") else model
        hit = model.replace(" ", "") in exact or any(
            _series_match(candidate, prefix.upper()) for prefix in entry.get("prefixes", [])
        )
        if hit:
            suspected = bool(entry.get("conditions")) or bool(entry.get("suspected_only"))
            return OutdatedMatch(entry["id"], entry["item"], entry["reason"], suspected, source)
    return None


def _series_match(model: str, prefix: str) -> bool:
    """`model` belongs to the series `prefix`: not a longer series name (JZ vs JZR) and not a later
    generation written as prefix + digit + "-" (YB vs YB2-160M-4)."""
    if not model.startswith(prefix):
        return False
    rest = model[len(prefix) :]
    return not (rest[:1].isalpha() or re.match(r"\d-", rest))


def boiler_capacity_t_per_h(values: Mapping[str, Any], reference: ReferenceData) -> float | None:
    if values.get("medium") == "steam":
        return values.get("rated_capacity_t_per_h")
    mw = values.get("rated_heat_output_mw")
    if mw is None:
        return None
    per = reference.raw["equipment/boilers_gb24500_2020.json"]["mw_per_t_per_h"]["value"]
    return float(mw) / float(per)


def _compared(
    key: str, label: Text, value: float, unit: str, inputs: dict[str, Any], sources: tuple[Source, ...]
) -> Indicator:
    return Indicator(key, label, value, unit, inputs, sources)


# -- motors ---------------------------------------------------------------------------------------


def poles_of(values: Mapping[str, Any]) -> tuple[int | None, str]:
    if values.get("poles"):
        return int(values["poles"]), "record"
    speed = values.get("rated_speed_rpm")
    if speed:
        # 50 Hz: synchronous speed 3000/(poles/2) r/min; the rated speed is a little lower (slip).
        return 2 * round(3000.0 / float(speed)), "rated speed at 50 Hz"
    return None, ""


def motor_limits(
    kw: float, poles: int, reference: ReferenceData
) -> tuple[list[float | None], dict[str, Any], tuple[Source, ...]]:
    name = "equipment/motors_gb18613_2020.json"
    table = reference.raw[name]
    if poles not in table["poles"]:
        raise no_reference(f"{poles} poles", f"{poles}极电机")
    rows = table["rows"]
    if kw < rows[0]["kw"] - 1e-9 or kw > rows[-1]["kw"] + 1e-9:
        raise no_reference(f"{kw:g} kW (table covers 0.12–1000 kW)", f"{kw:g} kW（表列范围0.12～1000 kW）")
    row = max((r for r in rows if r["kw"] <= kw + 1e-9), key=lambda r: r["kw"])
    index = table["poles"].index(poles)
    limits: list[float | None] = [row["grades"][g][index] for g in ("1", "2", "3")]
    sources: tuple[Source, ...] = (reference.source_of(name),)
    inputs: dict[str, Any] = {"table_row_kw": row["kw"], "poles": poles, "limits_pct": limits}
    if abs(row["kw"] - kw) > 1e-9:
        rule = table["between_ratings"]
        sources += (reference.source_of(name, status=rule["status"], note=rule["note"]),)
    return limits, inputs, sources


def grade_motor(
    values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData
) -> tuple[str, int | None, Indicator | None, list[Indicator]]:
    extras = motor_operating(values, measurements, reference)
    if values.get("motor_type") not in (None, "induction_lv"):
        raise CannotGrade(
            Text(
                "Not graded: GB 18613-2020 Table 1 covers three-phase induction motors ≤1000 V only",
                "不适用：GB 18613-2020 表1仅适用于1000 V及以下三相异步电动机",
            ),
            "not_applicable",
        )
    voltage = values.get("rated_voltage_v")
    if voltage is not None and float(voltage) > 1000:
        raise CannotGrade(
            Text(
                "Not graded: GB 18613-2020 covers motors ≤1000 V (high-voltage motors: GB 30254)",
                "不适用：GB 18613-2020 适用于1000 V及以下电机（高压电机见 GB 30254）",
            ),
            "not_applicable",
        )
    kw = values.get("rated_power_kw")
    if not kw:
        raise missing("rated power", "额定功率")
    poles, poles_from = poles_of(values)
    if poles is None:
        raise missing("poles or rated speed", "极数或额定转速")
    efficiency = values.get("nameplate_efficiency_pct")
    if efficiency is None:
        raise missing("nameplate efficiency", "铭牌效率")
    limits, inputs, sources = motor_limits(float(kw), poles, reference)
    verdict, grade = grade_of(float(efficiency), limits, higher_is_better=True)
    inputs.update({"rated_power_kw": kw, "poles_from": poles_from, "nameplate_efficiency_pct": efficiency})
    compared = _compared(
        "equipment.motor.efficiency", Text("Nameplate efficiency", "铭牌效率"), float(efficiency), "%", inputs, sources
    )
    return verdict, grade, compared, extras


def motor_load(input_kw: float, rated_kw: float, rated_efficiency: float, fixed_share: float) -> tuple[float, float]:
    """(load β, operating efficiency) from input power: P_in = β·P + k·L + (1 − k)·β²·L, L = P·(1/η − 1)."""
    losses = rated_kw * (1.0 / rated_efficiency - 1.0)
    a = (1.0 - fixed_share) * losses
    b = rated_kw
    c = fixed_share * losses - input_kw
    if input_kw <= fixed_share * losses:
        return 0.0, 0.0
    beta = (-b + math.sqrt(b * b - 4.0 * a * c)) / (2.0 * a) if a > 0 else -c / b
    return beta, beta * rated_kw / input_kw


def motor_operating(
    values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData
) -> list[Indicator]:
    kw = values.get("rated_power_kw")
    efficiency = values.get("nameplate_efficiency_pct")
    input_kw, where = measured_input_kw(values, measurements)
    if not kw or not efficiency or input_kw is None:
        if values.get("load_factor_pct") is not None:
            return [
                Indicator(
                    "equipment.motor.load",
                    Text("Load factor (as entered)", "负载率（录入值）"),
                    float(values["load_factor_pct"]),
                    "%",
                    {"load_factor_pct": values["load_factor_pct"]},
                )
            ]
        return []
    name = "equipment/motor_part_load.json"
    share = reference.sourced(name, reference.raw[name]["fixed_loss_share"])
    beta, operating = motor_load(input_kw, float(kw), float(efficiency) / 100.0, share.value)
    inputs = {
        "input_kw": input_kw,
        "rated_power_kw": kw,
        "nameplate_efficiency_pct": efficiency,
        "fixed_loss_share": share.value,
        **where,
    }
    return [
        Indicator(
            "equipment.motor.load",
            Text("Motor load (from input power)", "电机负载率（按输入功率）"),
            beta * 100.0,
            "%",
            inputs,
            (share.source,),
        ),
        Indicator(
            "equipment.motor.operating_efficiency",
            Text("Estimated operating efficiency", "估算运行效率"),
            operating * 100.0,
            "%",
            inputs,
            (share.source,),
        ),
    ]


# -- air compressors ------------------------------------------------------------------------------


def grade_compressor(
    values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData
) -> tuple[str, int | None, Indicator | None, list[Indicator]]:
    name = "equipment/compressors_gb19153_2019.json"
    table = reference.raw[name]
    if values.get("compressor_type") not in table["applies_to"]:
        raise no_reference(f"compressor type {values.get('compressor_type')}", "该类型压缩机")
    if values.get("control") == "vsd":
        raise no_reference(
            "variable-speed compressors (GB 19153 variable-speed table not transcribed)", "变频压缩机（变频表未录入）"
        )
    specific = values.get("measured_specific_power")
    basis = "measured specific power"
    if specific is None:
        input_kw, _where = measured_input_kw(values, measurements)
        if input_kw is not None and values.get("free_air_delivery_m3_per_min"):
            specific = input_kw / float(values["free_air_delivery_m3_per_min"])
            basis = "measured input power ÷ rated free air delivery"
    if specific is None:
        raise missing("measured specific power or measured input power", "实测比功率或实测输入功率")
    kw = values.get("rated_power_kw")
    pressure = values.get("rated_pressure_mpa")
    cooling = values.get("cooling")
    if not kw or not pressure or cooling not in ("air", "liquid"):
        raise missing("rated power, pressure or cooling", "额定功率、压力或冷却方式")
    columns = [p for p in table["pressure_columns_mpa"] if p >= float(pressure) - 1e-6]
    if not columns:
        raise no_reference(f"{pressure} MPa", f"{pressure} MPa")
    column = columns[0]
    cells = {
        c["grade"]: c[cooling]
        for c in table["cells"]
        if abs(c["kw"] - float(kw)) < 1e-6 and abs(c["pressure_mpa"] - column) < 1e-6
    }
    limits: list[float | None] = [cells.get(1), cells.get(2), cells.get(3)]
    if limits[2] is None:
        raise no_reference(
            f"{kw:g} kW at {column} MPa, {cooling}-cooled",
            f"{kw:g} kW、{column} MPa、{'风冷' if cooling == 'air' else '水冷'}",
        )
    sources: tuple[Source, ...] = (reference.source_of(name),)
    if abs(column - float(pressure)) > 1e-6:
        rule = table["pressure_rule"]
        sources += (reference.source_of(name, status=rule["status"], note=rule["note"]),)
    verdict, grade = grade_of(float(specific), limits, higher_is_better=False)
    inputs = {
        "specific_power": round(float(specific), 4),
        "basis": basis,
        "rated_power_kw": kw,
        "rated_pressure_mpa": pressure,
        "pressure_column_mpa": column,
        "cooling": cooling,
        "limits": limits,
    }
    compared = _compared(
        "equipment.air_compressor.specific_power",
        Text("Specific power", "比功率"),
        float(specific),
        "kW/(m³/min)",
        inputs,
        sources,
    )
    return verdict, grade, compared, []


# -- transformers ---------------------------------------------------------------------------------


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


def transformer_operating(values: Mapping[str, Any]) -> list[Indicator]:
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


def grade_transformer(
    values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData
) -> tuple[str, int | None, Indicator | None, list[Indicator]]:
    extras = transformer_operating(values)
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
    vk, gk = grade_of(float(pk), pk_limits, higher_is_better=False)
    if "below_grade_3" in (v0, vk):
        verdict, grade = "below_grade_3", None
    else:
        verdict, grade = "grade", max(g0 or 3, gk or 3)
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
    compared = _compared(
        "equipment.transformer.losses_grade",
        Text("No-load and load losses", "空载损耗和负载损耗"),
        float(p0),
        "kW",
        inputs,
        sources,
    )
    return verdict, grade, compared, extras


# -- fans -----------------------------------------------------------------------------------------


def _bin(value: float, bins: Sequence[Sequence[float | None]]) -> int | None:
    for index, (low, high) in enumerate(bins):
        if value >= float(low or 0) - 1e-9 and (high is None or value < float(high)):
            return index
    return None


def grade_fan(
    values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData
) -> tuple[str, int | None, Indicator | None, list[Indicator]]:
    name = "equipment/fans_gb19761_2020.json"
    table = reference.raw[name]
    efficiency = values.get("nameplate_efficiency_pct")
    number = values.get("machine_number")
    kind = values.get("fan_type")
    if kind not in ("centrifugal", "axial"):
        raise no_reference(f"fan type {kind}", "该类型风机")
    if efficiency is None:
        raise missing("fan efficiency", "风机效率")
    if number is None:
        raise missing("machine number", "机号")
    inputs: dict[str, Any] = {"fan_type": kind, "machine_number": number, "efficiency_pct": efficiency}
    if kind == "centrifugal":
        psi, ns = values.get("pressure_coefficient"), values.get("specific_speed")
        if psi is None or ns is None:
            raise missing("pressure coefficient ψ and specific speed n_s", "压力系数ψ和比转速n_s")
        row = next(
            (
                r
                for r in table["centrifugal"]["rows"]
                if r["psi"][0] <= float(psi) < r["psi"][1] and r["ns"][0] <= float(ns) <= r["ns"][1]
            ),
            None,
        )
        if row is None:
            raise no_reference(f"ψ {psi:g}, n_s {ns:g}", f"ψ {psi:g}、n_s {ns:g}")
        column = _bin(float(number), table["centrifugal"]["machine_number_bins"])
        inputs.update({"pressure_coefficient": psi, "specific_speed": ns})
    else:
        hub = values.get("hub_ratio")
        if hub is None:
            raise missing("hub ratio γ", "轮毂比γ")
        row = next((r for r in table["axial"]["rows"] if r["hub_ratio"][0] <= float(hub) < r["hub_ratio"][1]), None)
        if row is None:
            raise no_reference(f"hub ratio {hub:g}", f"轮毂比 {hub:g}")
        column = _bin(float(number), table["axial"]["machine_number_bins"])
        inputs["hub_ratio"] = hub
    if column is None:
        raise no_reference(f"machine number No{number:g}", f"机号 No{number:g}")
    cell = row["by_machine_number"][column]
    limits = [cell.get("1"), cell.get("2"), cell.get("3")]
    inputs["limits_pct"] = limits
    verdict, grade = grade_of(float(efficiency), limits, higher_is_better=True)
    compared = _compared(
        "equipment.fan.efficiency",
        Text("Fan efficiency", "风机效率"),
        float(efficiency),
        "%",
        inputs,
        (reference.source_of(name),),
    )
    return verdict, grade, compared, []


# -- pumps ----------------------------------------------------------------------------------------


def pump_limits(
    pump_type: str, flow_m3_h: float, head_m: float, speed_rpm: float, stages: int, reference: ReferenceData
) -> tuple[list[float | None], dict[str, Any]]:
    """GB 19762 grade 1/2/3 efficiencies (%) of a clean-water pump at its rated point."""
    table = reference.raw["equipment/pumps_gb19762.json"]
    row = next(
        (r for r in table["types"] if r["pump_type"] == pump_type and r["q_min"] <= flow_m3_h <= r["q_max"]), None
    )
    if row is None:
        raise no_reference(f"{pump_type} at {flow_m3_h:g} m³/h", f"{flow_m3_h:g} m³/h 的该类型泵")
    q_s = flow_m3_h / 3600.0 / (2.0 if pump_type == "single_stage_double_suction" else 1.0)
    ns = 3.65 * speed_rpm * math.sqrt(q_s) / (head_m / stages) ** 0.75
    k = table["coefficients"][row["formula"]]
    ln_ns, ln_q = math.log(ns), math.log(flow_m3_h)
    base = k["a"] * ln_ns**2 + k["b"] * ln_q**2 + k["c"] * ln_ns * ln_q + k["d"] * ln_ns + k["e"] * ln_q
    limits: list[float | None] = [base - c for c in row["c"]]
    return limits, {
        "specific_speed": round(ns, 2),
        "formula": row["formula"],
        "c_i": row["c"],
        "limits_pct": [round(v or 0, 2) for v in limits],
    }


def grade_pump(
    values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData
) -> tuple[str, int | None, Indicator | None, list[Indicator]]:
    extras = pump_operating(values, measurements)
    name = "equipment/pumps_gb19762.json"
    table = reference.raw[name]
    kind = values.get("pump_type")
    if kind not in {r["pump_type"] for r in table["types"]}:
        raise no_reference(f"pump type {kind}", "该类型泵")
    flow, head, speed, efficiency = (
        values.get(f) for f in ("rated_flow_m3_per_h", "rated_head_m", "rated_speed_rpm", "nameplate_efficiency_pct")
    )
    if not speed:
        raise missing("rated speed", "额定转速")
    if efficiency is None:
        raise missing("pump efficiency", "水泵效率")
    if not flow or not head:
        raise missing("rated flow or head", "额定流量或扬程")
    stages = int(values.get("stages") or 1)
    if kind == "multistage" and not values.get("stages"):
        raise missing("number of stages", "级数")
    limits, inputs = pump_limits(str(kind), float(flow), float(head), float(speed), stages, reference)
    edition = table["edition_note"]
    sources = (reference.source_of(name), reference.source_of(name, status=edition["status"], note=edition["note"]))
    verdict, grade = grade_of(float(efficiency), limits, higher_is_better=True)
    inputs.update(
        {
            "rated_flow_m3_per_h": flow,
            "rated_head_m": head,
            "rated_speed_rpm": speed,
            "stages": stages,
            "efficiency_pct": efficiency,
        }
    )
    compared = _compared(
        "equipment.pump.efficiency", Text("Pump efficiency", "水泵效率"), float(efficiency), "%", inputs, sources
    )
    return verdict, grade, compared, extras


def pump_operating(values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]]) -> list[Indicator]:
    flow, head = values.get("measured_flow_m3_per_h"), values.get("measured_head_m")
    input_kw, where = measured_input_kw(values, measurements)
    if not flow or not head or not input_kw:
        return []
    hydraulic_kw = 1000.0 * GRAVITY * float(flow) / 3600.0 * float(head) / 1000.0
    return [
        Indicator(
            "equipment.pump.unit_efficiency",
            Text("Measured unit efficiency (pump + motor)", "实测机组效率（泵+电机）"),
            hydraulic_kw / input_kw * 100.0,
            "%",
            {
                "measured_flow_m3_per_h": flow,
                "measured_head_m": head,
                "input_kw": input_kw,
                "hydraulic_kw": round(hydraulic_kw, 3),
                **where,
            },
        )
    ]


# -- boilers --------------------------------------------------------------------------------------


def grade_boiler(
    values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData
) -> tuple[str, int | None, Indicator | None, list[Indicator]]:
    name = "equipment/boilers_gb24500_2020.json"
    table = reference.raw[name]
    fuel = values.get("fuel")
    extras: list[Indicator] = []
    if values.get("measured_efficiency_pct") is not None:
        extras.append(_measured_boiler_efficiency(values))
    if fuel == "waste_heat":
        raise CannotGrade(
            Text("Not graded: GB 24500-2020 does not cover waste-heat boilers", "不适用：GB 24500-2020 不含余热锅炉"),
            "not_applicable",
        )
    if fuel == "coal":
        raise missing("coal class and combustion type (GB 24500 Tables 1–2)", "煤种和燃烧方式（GB 24500 表1～表2）")
    efficiency = values.get("design_efficiency_pct")
    if efficiency is None:
        raise missing("design thermal efficiency", "设计热效率")
    capacity = boiler_capacity_t_per_h(values, reference)
    condensing = bool(values.get("condensing"))
    candidates = []
    for row in table["rows"]:
        if row["fuel"] != fuel:
            continue
        if "condensing" in row and row["condensing"] != condensing:
            continue
        if "max_capacity_t_per_h" in row and (capacity is None or capacity > row["max_capacity_t_per_h"]):
            continue
        if "min_capacity_t_per_h" in row and (capacity is None or capacity <= row["min_capacity_t_per_h"]):
            continue
        candidates.append(row)
    if not candidates:
        raise no_reference(f"{fuel} boilers", "该燃料锅炉")
    row = candidates[0]
    limits = row["limits"]
    inputs = {
        "fuel": fuel,
        "condensing": condensing,
        "capacity_t_per_h": capacity,
        "clause": row["clause"],
        "limits_pct": limits,
        "design_efficiency_pct": efficiency,
    }
    sources: tuple[Source, ...] = (reference.source_of(name),)
    scope = table.get("scope_notes", {}).get(str(values.get("medium")))
    if scope is not None:
        sources += (reference.source_of(name, scope["source"], scope["status"], scope["note"]),)
    compared = _compared(
        "equipment.boiler.design_efficiency",
        Text("Design thermal efficiency", "设计热效率"),
        float(efficiency),
        "%",
        inputs,
        sources,
    )
    if limits[0] is None and limits[1] is None:
        met = float(efficiency) >= float(limits[2]) - 1e-9
        return ("meets_limit" if met else "below_grade_3"), None, compared, extras
    verdict, grade = grade_of(float(efficiency), limits, higher_is_better=True)
    return verdict, grade, compared, extras


GRADERS = {
    "motor": ("GB 18613-2020", grade_motor),
    "air_compressor": ("GB 19153-2019", grade_compressor),
    "transformer": ("GB 20052", grade_transformer),
    "fan": ("GB 19761-2020", grade_fan),
    "pump": ("GB 19762-2025", grade_pump),
    "boiler": ("GB 24500-2020", grade_boiler),
}


def grade_record(
    form_id: str,
    uuid: str,
    values: Mapping[str, Any],
    measurements: Sequence[Mapping[str, Any]],
    reference: ReferenceData,
) -> EquipmentResult:
    standard, grader = GRADERS[form_id]
    outdated = match_outdated(form_id, values, reference)
    tag, name = str(values.get("tag") or uuid[:8]), str(values.get("name") or "")
    try:
        verdict, grade, compared, extras = grader(values, measurements, reference)
    except CannotGrade as stop:
        extras = _extras_anyway(form_id, values, measurements, reference)
        return EquipmentResult(
            uuid, form_id, tag, name, standard, stop.verdict, None, stop.message, None, outdated, extras
        )
    if form_id == "transformer" and compared is not None:
        standard = str(compared.inputs.get("edition", standard))
    return EquipmentResult(
        uuid, form_id, tag, name, standard, verdict, grade, verdict_text(verdict, grade), compared, outdated, extras
    )


def _extras_anyway(
    form_id: str, values: Mapping[str, Any], measurements: Sequence[Mapping[str, Any]], reference: ReferenceData
) -> list[Indicator]:
    """Operating figures that do not depend on the grade (load, losses) are shown even when grading stops."""
    if form_id == "motor":
        return motor_operating(values, measurements, reference)
    if form_id == "transformer":
        return transformer_operating(values)
    if form_id == "pump":
        return pump_operating(values, measurements)
    if form_id == "boiler" and values.get("measured_efficiency_pct") is not None:
        return [_measured_boiler_efficiency(values)]
    return []


def _measured_boiler_efficiency(values: Mapping[str, Any]) -> Indicator:
    """The thermal efficiency measured on site, shown beside the grade (or alone when not graded)."""
    return Indicator(
        "equipment.boiler.measured_efficiency",
        Text("Measured operating thermal efficiency", "实测运行热效率"),
        float(values["measured_efficiency_pct"]),
        "%",
        {"measured_efficiency_pct": values["measured_efficiency_pct"]},
    )
