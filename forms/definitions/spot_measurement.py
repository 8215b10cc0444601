"""Spot measurements taken on site with a portable instrument, linked to the equipment measured."""

from forms.common import c, choice, date, datetime, decimal, reference, text
from forms.spec import FormSpec, Rule, t

EQUIPMENT_FORMS = ("motor", "pump", "fan", "air_compressor", "boiler", "transformer", "lighting")

QUANTITIES = (
    c("active_power", "Active power", "有功功率", "kW", "W"),
    c("current", "Current", "电流", "A"),
    c("voltage", "Voltage", "电压", "V", "kV"),
    c("power_factor", "Power factor", "功率因数", "1"),
    c("flow", "Flow", "流量", "m3/h", "m3/min", "t/h"),
    c("pressure", "Pressure", "压力", "MPa", "kPa", "Pa"),
    c("temperature", "Temperature", "温度", "degC"),
    c("o2", "Flue-gas O₂", "烟气含氧量", "%"),
    c("illuminance", "Illuminance", "照度", "lx"),
    c("speed", "Speed", "转速", "r/min"),
)

UNITS = (
    c("kW", "kW", "kW"),
    c("W", "W", "W"),
    c("A", "A", "A"),
    c("V", "V", "V"),
    c("kV", "kV", "kV"),
    c("1", "(ratio)", "（比值）"),
    c("m3/h", "m³/h", "m³/h"),
    c("m3/min", "m³/min", "m³/min"),
    c("t/h", "t/h", "t/h"),
    c("MPa", "MPa", "MPa"),
    c("kPa", "kPa", "kPa"),
    c("Pa", "Pa", "Pa"),
    c("degC", "°C", "°C"),
    c("%", "%", "%"),
    c("lx", "lx", "lx"),
    c("r/min", "r/min", "r/min"),
)

FORM = FormSpec(
    id="spot_measurement",
    version=1,
    label=t("Spot measurements", "现场测试"),
    group="measurements",
    order=30,
    title_field="quantity_measured",
    fields=(
        reference("equipment", t("Equipment", "被测设备"), EQUIPMENT_FORMS, required=True),
        choice("quantity_measured", t("Quantity measured", "测量参数"), QUANTITIES, required=True),
        decimal("value", t("Value", "测量值"), minimum=None, required=True, unit_field="unit"),
        choice("unit", t("Unit", "单位"), UNITS, required=True, units_from="quantity_measured"),
        datetime("measured_at", t("Measured at", "测量时间"), required=True),
        text("instrument", t("Instrument (make, model, serial)", "测量仪器（型号、编号）"), required=True),
        date(
            "calibration_date",
            t("Instrument calibrated on", "仪器检定/校准日期"),
            required=True,
            warnings=(
                Rule(
                    "measured_at is None or value <= measured_at",
                    t(
                        "The calibration date is after the measurement; check both dates.",
                        "校准日期晚于测量时间，请核对。",
                    ),
                ),
            ),
        ),
        text("operating_condition", t("Operating condition during the measurement", "测量时运行工况")),
    ),
)
