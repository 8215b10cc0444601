"""The enterprise water-balance diagram (水平衡图): sources left, units as boxes, discharge and losses right.

Drawn with matplotlib's object API (no pyplot, so it is safe in a worker thread) on an A3 landscape
page. Leaf units are rows grouped under their level-2 unit, in as many columns as the page needs:
each row takes new water from its column's supply riser (arrow labelled Vf) and sends its
discharge to the column's drain riser (arrow labelled Vd); Vr, Vco and Vl are written in the box.
Estimated values carry ≈, values calculated from the balance *, a closure beyond tolerance is red.
"""

from __future__ import annotations

import io
import threading
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from audit.chart_fonts import font_families, has_cjk_font, load_matplotlib
from audit.water.model import UnitBalance, WaterResult
from forms.spec import Text

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


A3_LANDSCAPE_MM = (420.0, 297.0)
MM_PER_INCH = 25.4

# Layout in millimetres on the page.
MARGIN = 8.0
TITLE_H = 20.0
SOURCE_W = 46.0
SINK_W = 58.0
ROW_H = 10.5
GROUP_H = 7.0
GROUP_GAP = 2.5
ARROW = 17.0
BOX_FONT = 6.2
NAME_FONT = 6.8

SUPPLY = "#1f6fb2"
DRAIN = "#6b4f2a"
BAD = "#c62828"
ESTIMATE_NOTE = Text(
    "≈ estimated   * calculated from the balance   red: closure beyond tolerance",
    "≈ 估算值   * 按平衡计算   红框：水平衡误差超出允许值",
)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"


def _q(unit: UnitBalance, quantity: str) -> str:
    return f"{_fmt(unit.average[quantity])}{unit.origin_mark(quantity)}"


@dataclass
class _Row:
    kind: str  # "group" (a level-2 unit with sub-units) or "unit" (a unit that takes water itself)
    unit: UnitBalance
    height: float


def _rows(result: WaterResult) -> list[list[_Row]]:
    """Rows per block: one block per level-2 unit (a header and its leaves) or per level-2 leaf."""
    by_uuid = {u.uuid: u for u in result.units}
    blocks: list[list[_Row]] = []

    def leaves_under(unit: UnitBalance) -> list[UnitBalance]:
        found: list[UnitBalance] = []
        for child in unit.children:
            node = by_uuid[child]
            found += [node] if node.is_leaf else leaves_under(node)
        return found

    roots = [u for u in result.units if u.parent_uuid is None]
    for root in roots:
        if root.is_leaf:
            blocks.append([_Row("unit", root, ROW_H)])
            continue
        for child_uuid in root.children:
            child = by_uuid[child_uuid]
            if child.is_leaf:
                blocks.append([_Row("unit", child, ROW_H)])
            else:
                blocks.append(
                    [_Row("group", child, GROUP_H)] + [_Row("unit", leaf, ROW_H) for leaf in leaves_under(child)]
                )
    # Level-2 leaves (green space, pipe network ...) go last, after the workshops.
    blocks.sort(key=lambda block: block[0].kind != "group")
    return blocks


def _columns(blocks: list[list[_Row]], available_h: float) -> list[list[list[_Row]]]:
    """Fewest columns (up to 4) in which the blocks fit, filled in order."""
    for count in range(1, 5):
        total = sum(sum(r.height for r in b) + GROUP_GAP for b in blocks)
        target = max(total / count, max((sum(r.height for r in b) for b in blocks), default=0))
        columns: list[list[list[_Row]]] = [[]]
        used = 0.0
        for block in blocks:
            height = sum(r.height for r in block) + GROUP_GAP
            if columns[-1] and used + height > target + 1e-6 and len(columns) < count:
                columns.append([])
                used = 0.0
            columns[-1].append(block)
            used += height
        if max(sum(sum(r.height for r in b) + GROUP_GAP for b in col) for col in columns) <= available_h or count == 4:
            return columns
    return [blocks]


@dataclass
class _Page:
    """The page (mm), its body between title and footer, the rows in columns and how much they grew."""

    width: float
    height: float
    body_top: float
    body_bottom: float
    columns: list[list[list[_Row]]]
    scale: float  # rows and gaps grow by this on a small plant
    font_scale: float  # and the type by this

    @property
    def header_y(self) -> float:
        return self.body_top + 2.0

    @property
    def drain_y(self) -> float:
        return self.body_bottom - 6.0

    @property
    def column_area_x0(self) -> float:
        return MARGIN + SOURCE_W + 8.0

    @property
    def column_w(self) -> float:
        column_area_x1 = self.width - MARGIN - SINK_W - 8.0
        return (column_area_x1 - self.column_area_x0) / max(len(self.columns), 1)

    @property
    def source_bus(self) -> float:
        return MARGIN + SOURCE_W + 4.0

    @property
    def sink_x(self) -> float:
        return self.width - MARGIN - SINK_W


def _layout(result: WaterResult) -> _Page:
    """A3 landscape, or taller when more than 4 columns would be needed; the rows' heights scaled in place."""
    width, height = A3_LANDSCAPE_MM
    blocks = _rows(result)
    body_top = height - MARGIN - TITLE_H
    body_bottom = MARGIN + 16.0
    columns = _columns(blocks, body_top - body_bottom)
    needed = max((sum(sum(r.height for r in b) + GROUP_GAP for b in col) for col in columns), default=0.0)
    if needed > body_top - body_bottom:
        height += needed - (body_top - body_bottom)
        body_top = height - MARGIN - TITLE_H
    # A small plant gets larger rows and type, up to what still looks like a drawing, not a poster.
    scale = min(max((body_top - body_bottom) / needed, 1.0), 1.45) if needed else 1.0
    for column in columns:
        for block in column:
            for row in block:
                row.height *= scale
    return _Page(width, height, body_top, body_bottom, columns, scale, min(scale, 1.3))


@dataclass(frozen=True)
class _Pen:
    """Writes in the chart fonts: `text` in type grown with the rows, `fixed_text` at the size given."""

    ax: Axes
    fonts: list[str]
    font_scale: float

    def text(self, x: float, y: float, value: str, size: float = BOX_FONT, **options: Any) -> None:
        self.ax.text(x, y, value, fontsize=size * self.font_scale, fontfamily=self.fonts, **options)

    def fixed_text(self, x: float, y: float, value: str, size: float = BOX_FONT, **options: Any) -> None:
        self.ax.text(x, y, value, fontsize=size, fontfamily=self.fonts, **options)


def build_figure(result: WaterResult, language: str = "zh") -> Figure:
    """The diagram as a matplotlib Figure (A3 landscape, or taller when more than 4 columns would be needed)."""
    load_matplotlib()
    from matplotlib.figure import Figure

    def s(text: Text) -> str:
        return text.get(language)

    page = _layout(result)
    figure = Figure(figsize=(page.width / MM_PER_INCH, page.height / MM_PER_INCH))
    ax = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0, page.width)
    ax.set_ylim(0, page.height)
    ax.set_axis_off()
    pen = _Pen(ax, font_families(), page.font_scale)
    names = {u.uuid: u.name for u in result.units}
    _title(ax, pen.fixed_text, result, s, page.width, page.height)
    for index, column in enumerate(page.columns):
        _column(ax, pen, page, index, column, s, names)
    _buses(ax, page)
    _sources(ax, pen.text, result, s, page.source_bus, page.header_y, page.body_bottom)
    _sinks(ax, pen.text, result, s, page.sink_x, page.drain_y, page.body_top)
    pen.fixed_text(MARGIN, MARGIN, s(ESTIMATE_NOTE), 7.0, color="#444444", va="bottom")
    return figure


def _column(
    ax: Axes, pen: _Pen, page: _Page, index: int, column: list[list[_Row]], s: Any, names: dict[str, str]
) -> None:
    """One column: its blocks of rows top-down, each unit fed from the supply riser and drained to the drain riser."""
    column_w, scale, text = page.column_w, page.scale, pen.text
    arrow = min(ARROW, column_w * 0.16)
    box_w = column_w - 2 * arrow - 6.0
    x0 = page.column_area_x0 + index * column_w
    riser_x, drain_x = x0 + 2.0, x0 + column_w - 4.0
    box_x = riser_x + arrow
    y = page.body_top
    lowest_supply = page.body_top
    for block in column:
        for row in block:
            y -= row.height
            if row.kind == "group":
                _group(
                    ax,
                    text,
                    row.unit,
                    box_x - 4.0,
                    y + 0.8 * scale,
                    box_w + 8.0,
                    row.height - 1.2 * scale,
                    s,
                    page.font_scale,
                )
                continue
            middle = y + row.height / 2
            _unit_box(
                ax, text, row.unit, box_x, y + 1.0 * scale, box_w, row.height - 2.0 * scale, s, names, page.font_scale
            )
            lowest_supply = middle
            if row.unit.complete:
                _arrow(ax, riser_x, middle, box_x, middle, SUPPLY)
                text(riser_x + 1.5, middle + 0.6, "Vf " + _q(row.unit, "vf"), 5.4, color=SUPPLY, va="bottom")
                _arrow(ax, box_x + box_w, middle, drain_x, middle, DRAIN)
                text(box_x + box_w + 1.5, middle + 0.6, "Vd " + _q(row.unit, "vd"), 5.4, color=DRAIN, va="bottom")
        y -= GROUP_GAP * scale
    ax.plot([riser_x, riser_x], [page.header_y, lowest_supply], color=SUPPLY, lw=1.4, solid_capstyle="butt")
    ax.plot([drain_x, drain_x], [page.body_top - 1.0, page.drain_y], color=DRAIN, lw=1.4, solid_capstyle="butt")


def _buses(ax: Axes, page: _Page) -> None:
    """The supply header from the sources to the last riser, the drain collector from the first drain to the sinks."""
    column_area_x0, column_w, count = page.column_area_x0, page.column_w, len(page.columns)
    first_riser = column_area_x0 + 2.0
    last_riser = column_area_x0 + (count - 1) * column_w + 2.0
    ax.plot([page.source_bus, max(last_riser, first_riser)], [page.header_y, page.header_y], color=SUPPLY, lw=1.8)
    last_drain = column_area_x0 + count * column_w - 4.0
    ax.plot([column_area_x0 + column_w - 4.0, last_drain], [page.drain_y, page.drain_y], color=DRAIN, lw=1.8)
    _arrow(ax, last_drain, page.drain_y, page.sink_x, page.drain_y, DRAIN, lw=1.8)


def _arrow(ax: Axes, x0: float, y0: float, x1: float, y1: float, color: str, lw: float = 1.0) -> None:
    ax.annotate(
        "",
        xy=(x1, y1),
        xytext=(x0, y0),
        arrowprops={"arrowstyle": "-|>", "color": color, "lw": lw, "shrinkA": 0, "shrinkB": 0, "mutation_scale": 7},
    )


def _title(ax: Axes, text: Any, result: WaterResult, s: Any, width: float, height: float) -> None:
    test = result.test
    title = s(Text(f"Water-balance diagram — {result.enterprise_name}", f"{result.enterprise_name} 水平衡图"))
    text(width / 2, height - MARGIN - 2.0, title, 13.0, ha="center", va="top")
    if test is not None:
        totals = result.enterprise.values
        period = f"{test.start:%Y-%m-%d %H:%M} – {test.end:%Y-%m-%d %H:%M}"
        line = s(
            Text(
                f"Test {period} ({test.days} d), average m³/d.  Enterprise: Vf {_fmt(totals.get('vf', 0))}, Vr {_fmt(totals.get('vr', 0))}, "
                f"Vt {_fmt(totals.get('vt', 0))}, Vco {_fmt(totals.get('vco', 0))}, Vd {_fmt(totals.get('vd', 0))}, Vl {_fmt(totals.get('vl', 0))}",
                f"测试期 {period}（{test.days} 天），单位 m³/d（测试日平均）。全厂：新水量 Vf {_fmt(totals.get('vf', 0))}，重复利用 Vr {_fmt(totals.get('vr', 0))}，"
                f"用水量 Vt {_fmt(totals.get('vt', 0))}，耗水 Vco {_fmt(totals.get('vco', 0))}，排水 Vd {_fmt(totals.get('vd', 0))}，漏失 Vl {_fmt(totals.get('vl', 0))}",
            )
        )
        text(width / 2, height - MARGIN - 10.0, line, 7.5, ha="center", va="top", color="#333333")
        if not result.enterprise.complete:
            missing = "、".join(result.enterprise.missing_units)
            text(
                width / 2,
                height - MARGIN - 15.0,
                s(Text(f"Incomplete: {missing}", f"数据不完整：{missing}")),
                7.0,
                ha="center",
                va="top",
                color=BAD,
            )


def _group(
    ax: Axes, text: Any, unit: UnitBalance, x: float, y: float, w: float, h: float, s: Any, scale: float
) -> None:
    from matplotlib.patches import Rectangle

    ax.add_patch(Rectangle((x, y), w, h, facecolor="#e8eef6", edgecolor="#8aa2c0", lw=0.6))
    if unit.complete:
        detail = f"Vf {_q(unit, 'vf')}  Vr {_q(unit, 'vr')}"
        if unit.children_difference_pct is not None:
            detail += s(
                Text(
                    f"  meter vs sub-units {unit.children_difference_pct:+.1f} %",
                    f"  本级表与下级差 {unit.children_difference_pct:+.1f}%",
                )
            )
        if text_width_mm(detail, 5.6 * scale) > w * 0.55:
            detail = f"Vf {_q(unit, 'vf')}  Vr {_q(unit, 'vr')}"
        color = "#333333"
    else:
        detail, color = s(Text("incomplete", "数据不完整")), BAD
    text(x + w - 1.5, y + h / 2, detail, 5.6, va="center", ha="right", color=color)
    room = w - 4.5 - text_width_mm(detail, 5.6 * scale)
    text(x + 1.5, y + h / 2, fit(unit.name, room, NAME_FONT * scale), NAME_FONT, va="center")


def _unit_box(
    ax: Axes,
    text: Any,
    unit: UnitBalance,
    x: float,
    y: float,
    w: float,
    h: float,
    s: Any,
    names: dict[str, str],
    scale: float,
) -> None:
    from matplotlib.patches import FancyBboxPatch

    bad = unit.complete and unit.within_tolerance is False
    face = "#ffffff" if unit.complete else "#eeeeee"
    edge = BAD if bad or not unit.complete else "#555555"
    ax.add_patch(
        FancyBboxPatch(
            (x, y),
            w,
            h,
            boxstyle="round,pad=0,rounding_size=1.2",
            facecolor=face,
            edgecolor=edge,
            lw=1.2 if bad else 0.7,
        )
    )
    closure = unit.closure_pct if unit.closure_pct is not None else 0.0
    closure_text = ""
    if unit.complete and abs(closure) >= 0.05:
        closure_text = s(Text(f"error {closure:+.1f} %", f"误差 {closure:+.1f}%"))
        text(x + w - 1.5, y + h - 1.0, closure_text, 5.6, va="top", ha="right", color=BAD if bad else "#666666")
    room = w - 3.0 - (text_width_mm(closure_text, 5.6 * scale) + 2.0 if closure_text else 0.0)
    text(x + 1.5, y + h - 1.0, fit(unit.name, room, NAME_FONT * scale), NAME_FONT, va="top")
    if not unit.complete:
        text(
            x + 1.5,
            y + 1.0,
            s(Text("incomplete data: not in the totals", "数据不完整，未计入合计")),
            BOX_FONT,
            va="bottom",
            color=BAD,
        )
        return
    parts = [f"↻Vr {_q(unit, 'vr')}"] if unit.average["vr"] > 0 else []
    parts += [f"Vco {_q(unit, 'vco')}"]
    if unit.average["vl"] > 0:
        parts.append(f"Vl {_q(unit, 'vl')}")
    line = "   ".join(parts)
    if unit.reuse_in_m3 > 0:
        origin = names.get(unit.reuse_from_uuid or "", "")
        note = (
            s(Text(f"(Vr from {origin})", f"（Vr 来自{origin}）"))
            if origin
            else s(Text("(Vr reused)", "（Vr 为回用水）"))
        )
        if text_width_mm(line + "  " + note, BOX_FONT * scale) <= w - 3.0:
            line += "  " + note
    text(x + 1.5, y + 1.0, fit(line, w - 3.0, BOX_FONT * scale), BOX_FONT, va="bottom", color="#222222")


def _sources(ax: Axes, text: Any, result: WaterResult, s: Any, bus_x: float, header_y: float, bottom: float) -> None:
    from matplotlib.patches import FancyBboxPatch

    x = MARGIN
    y = header_y - 4.0
    count = max(len(result.sources), 1)
    box_h = min(22.0, (header_y - bottom) / count - 4.0)
    total_vf = result.enterprise.values.get("vf", 0.0)
    lowest = header_y
    for source in result.sources:
        y -= box_h
        ax.add_patch(
            FancyBboxPatch(
                (x, y),
                SOURCE_W - 4.0,
                box_h,
                boxstyle="round,pad=0,rounding_size=1.5",
                facecolor="#dcebf7",
                edgecolor=SUPPLY,
                lw=0.8,
            )
        )
        text(x + 1.5, y + box_h - 1.5, _wrap(source.name, 13), 6.5, va="top")
        figures = []
        if source.metered_m3_per_d is not None:
            figures.append(
                s(Text(f"metered {_fmt(source.metered_m3_per_d)} m³/d", f"实测 {_fmt(source.metered_m3_per_d)} m³/d"))
            )
        if source.annual_quantity_m3 is not None:
            figures.append(
                s(
                    Text(
                        f"year {source.annual_quantity_m3 / 10000:,.1f}×10⁴ m³",
                        f"年 {source.annual_quantity_m3 / 10000:,.1f} 万m³",
                    )
                )
            )
        text(x + 1.5, y + 1.5, "\n".join(figures), 5.8, va="bottom", color="#333333")
        middle = y + box_h / 2
        _arrow(ax, x + SOURCE_W - 4.0, middle, bus_x, middle, SUPPLY, lw=1.2)
        lowest = min(lowest, middle)
        y -= 4.0
    ax.plot([bus_x, bus_x], [lowest, header_y], color=SUPPLY, lw=1.8)
    text(
        bus_x + 1.0,
        header_y + 1.0,
        s(Text(f"new water Vf {_fmt(total_vf)} m³/d", f"新水 Vf {_fmt(total_vf)} m³/d")),
        7.0,
        va="bottom",
        color=SUPPLY,
    )


def _sinks(ax: Axes, text: Any, result: WaterResult, s: Any, x: float, drain_y: float, top: float) -> None:
    from matplotlib.patches import FancyBboxPatch

    totals = result.enterprise.values
    items = [
        (Text("Discharge Vd (leaving the plant)", "排水 Vd（出厂）"), totals.get("vd", 0.0), DRAIN, drain_y),
        (
            Text("Consumed Vco (evaporation, product)", "耗水 Vco（蒸发、带走）"),
            totals.get("vco", 0.0),
            "#7b1fa2",
            top - 60.0,
        ),
        (Text("Leaks / overflow Vl", "漏溢 Vl"), totals.get("vl", 0.0), BAD, top - 90.0),
        (Text("Recycled / reused Vr (internal)", "重复利用 Vr（厂内）"), totals.get("vr", 0.0), "#2e7d32", top - 30.0),
    ]
    for label, value, color, y in items:
        h = 18.0
        ax.add_patch(
            FancyBboxPatch(
                (x, y - h / 2),
                SINK_W,
                h,
                boxstyle="round,pad=0,rounding_size=1.5",
                facecolor="#fafafa",
                edgecolor=color,
                lw=1.0,
            )
        )
        text(x + 2.0, y + 2.0, _wrap(s(label), 16), 6.3, va="bottom", color=color)
        text(x + 2.0, y - 2.0, f"{_fmt(value)} m³/d", 8.0, va="top", color=color)


_measuring = threading.local()
# Summed advances can differ a little from a laid-out string (hinting); keep this much in hand.
_MEASURE_MARGIN = 1.03


def _char_width_pt(character: str, size_pt: float) -> float:
    """Advance of one character as Agg draws it, cached per thread (laying out CJK text is slow)."""
    cache: dict[tuple[str, float], float] | None = getattr(_measuring, "cache", None)
    if cache is None:
        load_matplotlib()
        from matplotlib.backends.backend_agg import RendererAgg

        cache = _measuring.cache = {}
        _measuring.renderer = RendererAgg(16, 16, 72)  # type: ignore[no-untyped-call]
    key = (character, size_pt)
    if key not in cache:
        from matplotlib.font_manager import FontProperties

        properties = FontProperties(family=font_families(), size=size_pt)
        # Measured between two dots so that a space keeps its width.
        both, _, _ = _measuring.renderer.get_text_width_height_descent(f".{character}.", properties, ismath=False)
        dots, _, _ = _measuring.renderer.get_text_width_height_descent("..", properties, ismath=False)
        cache[key] = float(both - dots)
    return cache[key]


def text_width_mm(value: str, size_pt: float) -> float:
    """Printed width of a label at 72 points per inch, in millimetres."""
    return sum(_char_width_pt(ch, size_pt) for ch in value) * _MEASURE_MARGIN * MM_PER_INCH / 72.0


def fit(value: str, width_mm: float, size_pt: float) -> str:
    """The text, shortened with … so that it fits the width (a box must never spill its label)."""
    if text_width_mm(value, size_pt) <= width_mm:
        return value
    keep = len(value)
    while keep > 0 and text_width_mm(value[:keep] + "…", size_pt) > width_mm:
        keep -= 1
    return value[:keep] + "…"


def _wrap(value: str, width: int) -> str:
    """Break a label in two at a space, or after `width` characters (Chinese has no spaces)."""
    if len(value) <= width:
        return value
    cut = value.rfind(" ", 0, width + 1)
    if cut <= 0:
        cut = width
    return value[:cut].rstrip() + "\n" + value[cut:].lstrip()


def render_diagram(result: WaterResult, language: str = "zh", image_format: str = "png", dpi: int = 150) -> bytes:
    """The diagram as PNG or SVG bytes (the report embeds these)."""
    figure = build_figure(result, language)
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        if not has_cjk_font():
            # Without a Chinese font the labels show boxes; the diagram is still worth having.
            warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        figure.savefig(buffer, format=image_format, dpi=dpi)
    return buffer.getvalue()
