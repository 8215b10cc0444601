"""Rules on transformers and the power supply: below GB 20052 or outdated, load far from economic, low power factor."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from audit.findings import FindingContext, Hit, Missing, Severity, rule
from audit.findings._common import below_grade_gradings, evidence, sources_of, value
from audit.findings._inputs import Row
from audit.findings._measures import Draft, Estimate, Saving, as_inputs
from audit.measures.power_factor import power_factor_correction
from audit.measures.transformer import TransformerLosses, economic_load_ratio, load_transfer, transformer_replacement
from audit.results import Limit
from forms.spec import Text


def _hours(row: Row) -> float:
    return row.number("annual_operating_hours") or 8760.0


@rule(
    "transformer.below_grade_3",
    Text("Transformer below its GB 20052 grade or catalogued as outdated", "变压器损耗超过GB 20052三级或属淘汰型号"),
    "electrical",
    "GB 20052-2024",
    "Tables 1–2, grade 3 (P0 and Pk limits); MIIT 淘汰目录 batch 4",
)
def below_grade_3(context: FindingContext) -> Iterator[Hit | Missing]:
    """A distribution transformer whose no-load or load losses exceed the grade-3 limit (S9 and earlier), or
    whose model is in the outdated catalogue, loses energy around the clock: replace it with a grade-1 unit."""
    for judged in below_grade_gradings(context, "transformer"):
        if isinstance(judged, Missing):
            yield judged
            continue
        grading, row, outdated = judged
        compared = grading.compared
        text = Text(f"{grading.tag}: losses above GB 20052 grade 3", f"{grading.tag}：损耗超过GB 20052三级")
        if outdated and grading.outdated is not None:
            text = Text(
                f"{text.en}; outdated model ({grading.outdated.item})",
                f"{text.zh}；淘汰型号（{grading.outdated.item}）",
            )
        drafts: tuple[Draft, ...] = ()
        missing: tuple[Text, ...] = ()
        load = row.number("measured_load_kva")
        p0_limits = compared.input("p0_limits_kw") if compared is not None else None
        pk_limits = compared.input("pk_limits_kw") if compared is not None else None
        if load is None:
            missing = (Text(f"no measured load for {grading.tag}", f"{grading.tag} 缺少实测负荷"),)
        elif not p0_limits or not pk_limits or p0_limits[0] is None or pk_limits[0] is None:
            missing = (Text(f"no grade-1 losses for {grading.tag}", f"{grading.tag} 无一级能效损耗值"),)
        else:
            drafts = (_replacement(context, row, load, float(p0_limits[0]), float(pk_limits[0])),)
        yield Hit(
            (grading.uuid,),
            text,
            Severity.HIGH,
            evidence=(compared,) if compared is not None else (),
            limit=Limit("<=", float(p0_limits[2]), "kW") if p0_limits and p0_limits[2] is not None else None,
            limit_sources=(compared.sources if compared else ())
            + ((grading.outdated.source,) if grading.outdated else ()),
            drafts=drafts,
            measure_missing=missing,
        )


def _replacement(context: FindingContext, row: Row, load: float, p0_new: float, pk_new: float) -> Draft:
    cost = context.default("cost.transformer_yuan_per_kva")
    life = context.default("life.transformer_replacement")
    rated = float(row.number("rated_capacity_kva") or 0)
    inputs = as_inputs(
        {
            "rated_capacity_kva": rated,
            "load_kva": load,
            "no_load_loss_kw": float(row.number("no_load_loss_kw") or 0),
            "load_loss_kw": float(row.number("load_loss_kw") or 0),
            "new_no_load_loss_kw": p0_new,
            "new_load_loss_kw": pk_new,
            "energised_hours": (_hours(row), "h"),
            "cost_yuan_per_kva": value(cost),
            "useful_life_years": value(life),
        }
    )

    def evaluate(v: Mapping[str, float]) -> Estimate:
        old = TransformerLosses(v["rated_capacity_kva"], v["no_load_loss_kw"], v["load_loss_kw"])
        new = TransformerLosses(v["rated_capacity_kva"], v["new_no_load_loss_kw"], v["new_load_loss_kw"])
        result = transformer_replacement(old, new, v["load_kva"], v["energised_hours"], v["energised_hours"])
        return Estimate(
            (Saving("electricity", result.annual_savings_kwh, "kWh", result.existing_kwh),),
            v["rated_capacity_kva"] * v["cost_yuan_per_kva"],
            v["useful_life_years"],
            as_inputs({"existing_losses_kwh": result.existing_kwh, "new_losses_kwh": result.new_kwh}),
        )

    return Draft(
        "transformer_replacement",
        row.uuid,
        Text(f"Replace {row.tag} with a GB 20052 grade-1 unit", f"{row.tag} 更换为GB 20052一级能效变压器"),
        inputs,
        evaluate,
        "losses = P0·h + (S/Sn)²·Pk·h, existing − grade 1",
        sources_of(cost, life),
        hours=_hours(row),
    )


@rule(
    "transformer.load_far_from_economic",
    Text("Transformer load far from its economic load ratio", "变压器负载率偏离经济负载率"),
    "electrical",
    "GB/T 13462-2008",
    "电力变压器经济运行: economic load ratio β* = √(P0/Pk)",
    ("transformer.low_load_ratio_of_economic", "transformer.high_load_ratio"),
)
def far_from_economic(context: FindingContext) -> Iterator[Hit | Missing]:
    """A transformer loaded well below half its economic load ratio pays its no-load losses for little use; its
    load can often be moved to another unit and it switched off (or it is overloaded and ages fast)."""
    low = context.threshold("transformer.low_load_ratio_of_economic").value
    high = context.threshold("transformer.high_load_ratio").value
    running = list(context.running("transformer"))
    candidates = [
        (r, float(r.number("rated_capacity_kva") or 0), float(r.number("measured_load_kva") or 0))
        for r in running
        if r.number("rated_capacity_kva")
        and r.number("measured_load_kva") is not None
        and r.number("no_load_loss_kw")
        and r.number("load_loss_kw")
    ]
    # Most spare capacity first: the first that can take a load is the one to move it to.
    candidates.sort(key=lambda c: c[2] - c[1])
    for row in running:
        rated, load = row.number("rated_capacity_kva"), row.number("measured_load_kva")
        p0, pk = row.number("no_load_loss_kw"), row.number("load_loss_kw")
        if not rated or load is None or not p0 or not pk:
            yield Missing(
                (row.uuid,), Text(f"no measured load or losses for {row.tag}", f"{row.tag} 缺少实测负荷或损耗")
            )
            continue
        beta = load / rated
        optimum = economic_load_ratio(TransformerLosses(rated, p0, pk))
        shown = evidence(
            "finding.transformer.load_ratio",
            Text("Load ratio against the economic load ratio", "负载率与经济负载率"),
            beta,
            "",
            {"load_kva": load, "rated_capacity_kva": rated, "economic_load_ratio": round(optimum, 3)},
            about=(row.uuid,),
            formula="β = S/Sn; β* = √(P0/Pk)",
        )
        if beta > high:
            yield Hit(
                (row.uuid,),
                Text(
                    f"{row.tag}: load ratio {beta:.2f}, above {high:g}", f"{row.tag}：负载率 {beta:.2f}，高于 {high:g}"
                ),
                Severity.MEDIUM,
                evidence=(shown,),
                threshold="transformer.high_load_ratio",
                limit=Limit("<=", high, ""),
            )
        elif beta < low * optimum:
            yield Hit(
                (row.uuid,),
                Text(
                    f"{row.tag}: load ratio {beta:.2f}, under half the economic ratio {optimum:.2f}",
                    f"{row.tag}：负载率 {beta:.2f}，不足经济负载率 {optimum:.2f} 的一半",
                ),
                Severity.MEDIUM,
                evidence=(shown,),
                threshold="transformer.low_load_ratio_of_economic",
                limit=Limit(">=", low * optimum, ""),
                drafts=_transfer(context, row, candidates),
            )


def _transfer(context: FindingContext, row: Row, candidates: list[tuple[Row, float, float]]) -> tuple[Draft, ...]:
    load = float(row.number("measured_load_kva") or 0)
    high = context.threshold("transformer.high_load_ratio").value
    receiving = next(
        (r for r, rated, carried in candidates if r.uuid != row.uuid and (carried + load) / rated <= high), None
    )
    if receiving is None:
        return ()
    life = context.default("life.transformer_load_transfer")
    inputs = as_inputs(
        {
            "receiving_kva": float(receiving.number("rated_capacity_kva") or 0),
            "receiving_load_kva": float(receiving.number("measured_load_kva") or 0),
            "receiving_p0_kw": float(receiving.number("no_load_loss_kw") or 0),
            "receiving_pk_kw": float(receiving.number("load_loss_kw") or 0),
            "released_kva": float(row.number("rated_capacity_kva") or 0),
            "released_load_kva": load,
            "released_p0_kw": float(row.number("no_load_loss_kw") or 0),
            "released_pk_kw": float(row.number("load_loss_kw") or 0),
            "energised_hours": (_hours(row), "h"),
            "investment_yuan": (20000.0, "yuan"),
            "useful_life_years": value(life),
        }
    )

    def evaluate(v: Mapping[str, float]) -> Estimate:
        result = load_transfer(
            TransformerLosses(v["receiving_kva"], v["receiving_p0_kw"], v["receiving_pk_kw"]),
            v["receiving_load_kva"],
            TransformerLosses(v["released_kva"], v["released_p0_kw"], v["released_pk_kw"]),
            v["released_load_kva"],
            v["energised_hours"],
            v["energised_hours"],
        )
        return Estimate(
            (Saving("electricity", result.annual_savings_kwh, "kWh"),),
            v["investment_yuan"],
            v["useful_life_years"],
            as_inputs({"receiving_load_ratio": (result.receiving_load_ratio, "")}),
        )

    return (
        Draft(
            "transformer_load_transfer",
            row.uuid,
            Text(
                f"Move the load of {row.tag} to {receiving.tag} and switch it off",
                f"{row.tag} 负荷转移至 {receiving.tag} 后停运",
            ),
            inputs,
            evaluate,
            "losses of both units − losses of the receiving unit carrying both loads (needs a tie between the boards)",
            sources_of(life),
            records=(row.uuid, receiving.uuid),
            hours=_hours(row),
        ),
    )


@rule(
    "power_factor.low",
    Text("Low power factor", "功率因数偏低"),
    "electrical",
    "功率因数调整电费办法",
    "0.90 assessment standard for industrial users ≥160 kVA",
    ("power_factor.minimum",),
)
def low_power_factor(context: FindingContext) -> Iterator[Hit | Missing]:
    """Below 0.90 the utility adds a power-factor charge and the extra current heats cables and transformers;
    capacitors at the low-voltage board correct it (only the transformer's I²R losses are counted here)."""
    minimum = context.threshold("power_factor.minimum").value
    for row in context.running("transformer"):
        pf = row.number("power_factor")
        if pf is None or pf >= minimum:
            continue
        yield Hit(
            (row.uuid,),
            Text(f"{row.tag}: power factor {pf:.2f}", f"{row.tag}：功率因数 {pf:.2f}"),
            Severity.MEDIUM,
            evidence=(
                evidence(
                    "finding.power_factor",
                    Text("Power factor", "功率因数"),
                    pf,
                    "",
                    {"power_factor": pf},
                    about=(row.uuid,),
                ),
            ),
            threshold="power_factor.minimum",
            limit=Limit(">=", minimum, ""),
            drafts=_capacitors(context, row, pf),
        )


def _capacitors(context: FindingContext, row: Row, pf: float) -> tuple[Draft, ...]:
    load, rated, pk = row.number("measured_load_kva"), row.number("rated_capacity_kva"), row.number("load_loss_kw")
    if load is None or not rated or not pk:
        return ()
    target = context.default("pf.target")
    cost = context.default("cost.capacitor_yuan_per_kvar")
    life = context.default("life.power_factor_correction")
    inputs = as_inputs(
        {
            "load_kva": load,
            "power_factor": (pf, ""),
            "target_power_factor": value(target),
            "rated_capacity_kva": rated,
            "load_loss_kw": pk,
            "energised_hours": (_hours(row), "h"),
            "cost_yuan_per_kvar": value(cost),
            "useful_life_years": value(life),
        }
    )

    def evaluate(v: Mapping[str, float]) -> Estimate:
        active = v["load_kva"] * v["power_factor"]
        result = power_factor_correction(active, v["power_factor"], v["target_power_factor"])
        copper = (v["load_kva"] / v["rated_capacity_kva"]) ** 2 * v["load_loss_kw"] * v["energised_hours"]
        return Estimate(
            (Saving("electricity", copper * result.loss_reduction_fraction, "kWh"),),
            result.capacitor_kvar * v["cost_yuan_per_kvar"],
            v["useful_life_years"],
            as_inputs(
                {"capacitor_kvar": (result.capacitor_kvar, "kvar"), "new_load_kva": (result.new_apparent_kva, "kVA")}
            ),
        )

    return (
        Draft(
            "power_factor_correction",
            row.uuid,
            Text(
                f"Capacitors on the {row.tag} board to cos φ {target.value:.2f}",
                f"{row.tag} 低压侧无功补偿至 {target.value:.2f}",
            ),
            inputs,
            evaluate,
            "Q_c = P(tan φ₁ − tan φ₂); saving = β²·Pk·h·(1 − (cos φ₁/cos φ₂)²)",
            sources_of(target, cost, life),
            hours=_hours(row),
        ),
    )
