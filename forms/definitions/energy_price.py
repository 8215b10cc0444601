"""Energy and water prices of the audit: electricity by time-of-use period with its hours, each fuel, water."""

from forms.common import c, choice, date, decimal, text
from forms.spec import FormSpec, t

PRICE_ITEMS = (
    c("electricity_sharp", "Electricity, sharp peak", "电价·尖峰", "kWh"),
    c("electricity_peak", "Electricity, peak", "电价·高峰", "kWh"),
    c("electricity_flat", "Electricity, flat", "电价·平段", "kWh"),
    c("electricity_valley", "Electricity, valley", "电价·低谷", "kWh"),
    c("electricity_average", "Electricity, average or single rate", "电价·平均/单一", "kWh"),
    c("natural_gas", "Natural gas", "天然气", "m3"),
    c("lpg", "LPG", "液化石油气", "kg", "t"),
    c("diesel", "Diesel", "柴油", "kg", "t"),
    c("fuel_oil", "Fuel oil", "燃料油", "kg", "t"),
    c("coal", "Coal", "煤", "t"),
    c("biomass", "Biomass fuel", "生物质燃料", "t"),
    c("steam", "Purchased steam", "外购蒸汽", "t", "GJ"),
    c("heat", "Purchased heat", "外购热力", "GJ"),
    c("water", "Water (tap or surface)", "新水（自来水/地表水）", "m3"),
    c("wastewater", "Wastewater discharge / treatment", "污水排放/处理费", "m3"),
)

TOU_PERIODS = "item in ('electricity_sharp', 'electricity_peak', 'electricity_flat', 'electricity_valley')"

UNITS = (
    c("kWh", "kWh", "kWh"),
    c("m3", "m³", "m³"),
    c("kg", "kg", "kg"),
    c("t", "t", "t"),
    c("GJ", "GJ", "GJ"),
)

PRICE_SOURCES = (
    c("bill", "Enterprise bills", "企业账单/发票"),
    c("tariff_notice", "Published tariff notice", "物价/电网公布电价"),
    c("finance", "Enterprise finance department", "企业财务提供"),
    c("estimate", "Estimate", "估算"),
)

FORM = FormSpec(
    id="energy_price",
    version=1,
    label=t("Energy and water prices", "能源与水价格"),
    group="energy",
    order=13,
    title_field="item",
    description=t(
        "Prices the measures are valued at. Give electricity by time-of-use period with the hours of each period "
        "(as Zhejiang tariffs do), or one average price.",
        "节能措施按此价格计算经济效益。电价按峰谷分时段填写并注明各时段小时数（如浙江分时电价），或填写平均电价。",
    ),
    fields=(
        choice("item", t("Energy or water", "能源/水种类"), PRICE_ITEMS, required=True),
        decimal(
            "price_yuan",
            t("Price (yuan per unit, VAT included)", "单价（元/单位，含税）"),
            "yuan",
            positive=True,
            required=True,
        ),
        choice("unit", t("Per", "计价单位"), UNITS, required=True, units_from="item"),
        decimal(
            "hours_per_day",
            t("Hours per day in this period", "该时段每日小时数"),
            "h",
            maximum=24,
            relevant=TOU_PERIODS,
        ),
        text(
            "time_ranges",
            t("Clock times of this period", "时段起止时间"),
            relevant=TOU_PERIODS,
            help=t("e.g. 08:00-11:00, 13:00-17:00", "如 08:00-11:00, 13:00-17:00"),
        ),
        choice("source", t("Price source", "价格来源"), PRICE_SOURCES, required=True),
        text("source_note", t("Source detail (document, bill month)", "来源说明（文件号、账单月份）")),
        date("valid_from", t("Valid from", "执行日期")),
    ),
)
