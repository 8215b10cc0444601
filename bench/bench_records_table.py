"""Open and scroll a 100 000-row meter-readings table; the floor is the same view over an in-memory list.

    python bench/bench_records_table.py [--rows N]

Figures are printed side by side: FieldAudit's RecordsView (row order from one SQL query, values
fetched 256 rows at a time as they scroll into view) against a plain QAbstractTableModel holding
every row as Python strings in memory (no database at all: nothing can scroll faster). It also
times one page fetched by LIMIT/OFFSET, the approach the keyed fetch replaces.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

from audit.document import AuditDocument
from audit.queries import TableQuery, page_rows, row_keys, rows_by_keys
from gui.context import AppContext, DocumentSignals
from gui.records.model import BLOCK_ROWS
from gui.records.view import RecordsView

PAGES_SCROLLED = 200


class ListModel(QAbstractTableModel):
    """The floor: every cell already a Python string in memory."""

    def __init__(self, rows: list[list[str]], headers: list[str]) -> None:
        super().__init__()
        self.rows = rows
        self.headers = headers

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return self.rows[index.row()][index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


def build(path: Path, rows: int) -> tuple[AuditDocument, float]:
    document = AuditDocument.create(path, author="bench")
    unit = document.records.add("water_unit", {"name": "Dyeing", "level": "1"})
    meters = [document.records.add("water_meter", {"meter_number": f"WM-{i:02d}", "unit": unit}) for i in range(8)]
    start = dt.datetime(2025, 3, 10, 8, 0)
    readings = [
        {
            "meter": meters[i % len(meters)],
            "read_at": (start + dt.timedelta(minutes=i // len(meters))).isoformat(timespec="minutes"),
            "value": round(1000 + 0.37 * i, 2),
            "reader": "李敏",
        }
        for i in range(rows)
    ]
    began = time.perf_counter()
    document.records.add_many("water_reading", readings)  # one transaction
    return document, time.perf_counter() - began


def settle(app: QApplication, table: QTableView) -> None:
    app.processEvents()
    table.viewport().repaint()


def open_and_scroll(app: QApplication, make_table: Any) -> dict[str, float]:
    """Open (construct, show, first paint), jump to the end, then page down PAGES_SCROLLED times."""
    began = time.perf_counter()
    widget, table = make_table()
    widget.resize(1400, 800)
    widget.show()
    settle(app, table)
    opened = time.perf_counter() - began
    began = time.perf_counter()
    table.scrollToBottom()
    settle(app, table)
    to_end = time.perf_counter() - began
    table.scrollToTop()
    settle(app, table)
    bar = table.verticalScrollBar()
    began = time.perf_counter()
    for _ in range(PAGES_SCROLLED):
        bar.setValue(bar.value() + bar.pageStep())
        settle(app, table)
    per_page = (time.perf_counter() - began) / PAGES_SCROLLED
    widget.close()
    return {"open": opened, "end": to_end, "page": per_page}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    rows = parser.parse_args().rows
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as folder:
        document, build_s = build(Path(folder) / "bench.fieldaudit", rows)
        try:
            context = AppContext(
                document,
                QUndoStack(),
                QSettings(str(Path(folder) / "bench.ini"), QSettings.Format.IniFormat),
                DocumentSignals(),
                "zh",
            )
            views: list[RecordsView] = []

            def records_table() -> tuple[Any, QTableView]:
                view = RecordsView(context, "water_reading")
                views.append(view)
                return view, view.table

            # Untimed first opening of each kind: Qt's one-off costs (fonts, style) go to neither side.
            open_and_scroll(app, records_table)
            ours = open_and_scroll(app, records_table)
            fetches = views[-1].model.block_fetches

            # The floor gets the same text the records view shows, prepared before the clock starts.
            model = views[-1].model
            fields = [spec.name for spec in model.fields]
            query = TableQuery("water_reading", language="zh")
            every = rows_by_keys(document, "water_reading", row_keys(document, query), with_problems=False)
            strings = [[model.display_text(spec, r.values.get(spec.name)) for spec in model.fields] for r in every]
            headers = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(len(fields))]
            del every

            def list_table() -> tuple[Any, QTableView]:
                table = QTableView()
                table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
                table.verticalHeader().setDefaultSectionSize(views[-1].table.verticalHeader().defaultSectionSize())
                table.setModel(ListModel(strings, headers))
                return table, table

            open_and_scroll(app, list_table)
            floor = open_and_scroll(app, list_table)

            keys = row_keys(document, query)
            keyed, offset = [], []
            for _ in range(20):
                began = time.perf_counter()
                rows_by_keys(document, "water_reading", keys[-BLOCK_ROWS:])
                keyed.append(time.perf_counter() - began)
                began = time.perf_counter()
                page_rows(document, query, len(keys) - BLOCK_ROWS, BLOCK_ROWS)
                offset.append(time.perf_counter() - began)
            began = time.perf_counter()
            row_keys(document, query)
            keys_s = time.perf_counter() - began
            began = time.perf_counter()
            sorted_keys = row_keys(document, TableQuery("water_reading", sort_field="value", descending=True))
            sort_s = time.perf_counter() - began
            assert len(sorted_keys) == rows
            began = time.perf_counter()
            filtered = row_keys(document, TableQuery("water_reading", filter_text="WM-03"))
            filter_s = time.perf_counter() - began
        finally:
            for view in views:
                view.close()
            document.close()

    ms = 1000.0
    print(f"water_reading table, {rows:,} rows (added with records.add_many in one transaction: {build_s:.1f} s)")
    print(f"{'':44} {'RecordsView (SQLite)':>22} {'floor: list in memory':>22}")
    print(f"{'open (construct, show, first paint)':44} {ours['open'] * ms:>19.1f} ms {floor['open'] * ms:>19.1f} ms")
    print(f"{'scroll to the last row (jump + paint)':44} {ours['end'] * ms:>19.1f} ms {floor['end'] * ms:>19.1f} ms")
    print(
        f"{'page down + paint (mean of ' + str(PAGES_SCROLLED) + ')':44} "
        f"{ours['page'] * ms:>19.2f} ms {floor['page'] * ms:>19.2f} ms"
    )
    print(f"{'SQL fetches for all of the above':44} {fetches:>22}")
    print()
    print(f"one page of {BLOCK_ROWS} rows at the end of the table (median of 20):")
    print(f"{'  by rowid (what the model does)':44} {statistics.median(keyed) * ms:>19.2f} ms")
    print(f"{'  by LIMIT/OFFSET':44} {statistics.median(offset) * ms:>19.2f} ms")
    print(f"{'row order, all rows (SELECT rowid … ORDER BY)':44} {keys_s * ms:>19.1f} ms")
    print(f"{'sort by reading, descending (ORDER BY)':44} {sort_s * ms:>19.1f} ms")
    print(f"{'filter “WM-03” (' + str(len(filtered)) + ' rows)':44} {filter_s * ms:>19.1f} ms")


if __name__ == "__main__":
    main()
