"""Starts the desktop app: Qt application, translations, preferences, then the last audit or the start page."""

from __future__ import annotations

import gc
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QStandardPaths, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from audit import APP_NAME, APP_VERSION
from gui.first_paint import after_first_paint, hold_until_painted
from gui.i18n import install_translators
from gui.jobs import cancel_all
from gui.main_window import MainWindow
from gui.message_boxes import fit_text
from gui.preferences import Preferences
from gui.theme import apply_color_scheme

# The longest quitting waits for a background job that missed its checkpoints (a safety net: jobs
# stop within milliseconds of being cancelled).
QUIT_WAIT_MS = 2000


class Arguments:
    """What `python main.py open` was given (a plain class: a NamedTuple costs ~1 ms to define)."""

    def __init__(self, file: Path | None, settings: Path | None) -> None:
        self.file = file
        self.settings = settings


def parse_arguments(argv: list[str]) -> Arguments:
    words = argv[1:] if argv[:1] == ["open"] else argv
    if not any(word.startswith("-") for word in words):
        # At most a file (the usual start): argparse and the gettext look-ups of its help texts are
        # left out of the start-up (issue 15: ~4 ms before the first paint); the same result.
        return Arguments(Path(words[0]) if words else None, None)
    import argparse

    parser = argparse.ArgumentParser(prog="python main.py open", add_help=True)
    parser.add_argument("file", nargs="?", type=Path, help="audit file to open (default: the last one)")
    parser.add_argument("--settings", type=Path, help="preferences INI file (default: the per-user config folder)")
    args, _qt_arguments = parser.parse_known_args(words)
    return Arguments(args.file, args.settings)


def create_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fractional scale factors (150 % laptop screens) are used as they are, not rounded to 1 or 2:
    # Qt 6's default rounding policy (PassThrough), which QT_SCALE_FACTOR_ROUNDING_POLICY overrides
    # either way, so not set again here (that would build PySide6's Qt namespace, gui/first_paint.py).
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(APP_VERSION)
    # Fusion draws the same everywhere and follows the system's light or dark colour scheme. Asked
    # for by Qt's own -style argument: made once, as the style, instead of the platform's default
    # style made first and then replaced by setStyle (issue 15: ~6 ms before the first paint).
    return QApplication([sys.argv[0] if sys.argv else APP_NAME, "-style", "fusion"])


def start(
    preferences: Preferences, file: Path | None = None, on_first_paint: Callable[[], None] | None = None
) -> MainWindow:
    """The main window, showing `file`, else the last audit the user had open, else the start page.

    The window is painted with the audit's navigator first; the view the user was on, the counts
    and the file's integrity check follow right after that first paint (gui/first_paint.py), after
    `on_first_paint`.
    """
    if preferences.color_scheme_name != "system":
        apply_color_scheme(preferences.color_scheme)
    target = file
    if target is None:
        last = preferences.last_audit
        target = last if last is not None and last.exists() else None
    first_paint = hold_until_painted()
    if on_first_paint is not None:
        after_first_paint(None, on_first_paint)  # first: before the work the window itself holds back
    window = MainWindow(preferences, start_page=target is None)
    first_paint.watch(window)
    window.show()
    if not preferences.auditor_name and not preferences.auditor_asked:
        # The first start's question, over the window once it is painted (its dialog's buttons
        # would build PySide6's Qt namespace before: gui/first_paint.py).
        after_first_paint(window, window.ask_auditor_name)
    if target is not None:
        window.open_path(target)
        if window.context is None:
            window.show_start_page()  # refused, or being copied off a stick in the background
    return window


def run(argv: list[str]) -> int:
    args = parse_arguments(argv)
    app = create_application()
    windows: list[MainWindow] = []
    # Before anything is opened, so that a SIGTERM during start-up also closes the audit properly.
    close_on_terminate(app, windows)
    sys.excepthook = report_unexpected_error
    preferences = Preferences(args.settings)
    install_translators(app, preferences.language)
    painted = quit_when_painted(app, window_of=lambda: windows[0])

    def first_painted() -> None:
        # Held off by main.py until the window is painted; what the start-up made stays out of later
        # passes (as gui/heap.py's settle does once an audit's first results are in).
        gc.freeze()
        gc.enable()
        if painted is not None:
            painted()

    window = start(preferences, args.file, first_painted)
    windows.append(window)
    # Quitting never waits for a background count or computation: each is asked to stop and does
    # at its next checkpoint (a chunk of records, a meter, an SQLite statement step), within
    # milliseconds; Qt is torn down only once they have (issue 15: this used to wait up to 10 s).
    app.aboutToQuit.connect(cancel_all)
    status = app.exec()
    cancel_all()
    QThreadPool.globalInstance().waitForDone(QUIT_WAIT_MS)
    return status


HEAVY_MODULES = ("matplotlib", "numpy", "PIL", "openpyxl", "xlsxwriter", "cryptography", "jsonschema", "sqlite_utils")


def quit_when_painted(app: QApplication, window_of: Callable[[], MainWindow]) -> Callable[[], None] | None:
    """bench/bench_startup.py and tests (FIELDAUDIT_QUIT_WHEN_SHOWN): print when the window has been
    first painted, which heavy modules were loaded by then, and quit (with "counted": once the
    background counts are done)."""
    mode = os.environ.get("FIELDAUDIT_QUIT_WHEN_SHOWN")
    if not mode:
        return None

    def leave() -> None:
        window_of().close()
        app.quit()

    def counted() -> None:
        if QThreadPool.globalInstance().activeThreadCount():
            QTimer.singleShot(20, counted)
            return
        print(f"counted-at {time.time():.6f}", flush=True)
        leave()

    def painted() -> None:
        shown_at, cpu_s = time.time(), time.process_time()
        heavy = ",".join(name for name in HEAVY_MODULES if name in sys.modules) or "none"
        loaded = f"matplotlib-loaded={'matplotlib' in sys.modules} sqlite-utils-loaded={'sqlite_utils' in sys.modules}"
        # Whether PySide6 had built its Qt namespace by the first paint (gui/first_paint.py).
        qt_namespace = "Qt" in vars(sys.modules["PySide6.QtCore"])
        print(
            f"shown-at {shown_at:.6f} cpu={cpu_s:.6f} {loaded} heavy-loaded={heavy} "
            f"modules={len(sys.modules)} qt-namespace={qt_namespace} gc={'on' if gc.isenabled() else 'off'}",
            flush=True,
        )
        # After the work held back for the first paint, which runs next.
        QTimer.singleShot(0, counted if mode == "counted" else leave)

    return painted


def error_log_path() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder or Path.home()) / "fieldaudit-errors.log"


def report_unexpected_error(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """A bug in a view must not look like lost work: say that edits are safe, keep the details in a log."""
    import traceback

    details = "".join(traceback.format_exception(kind, error, trace))
    sys.stderr.write(details)
    log = error_log_path()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} FieldAudit {APP_VERSION}\n{details}")
    except OSError:
        pass
    if QApplication.instance() is None:
        return
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        APP_NAME,
        QCoreApplication.translate(
            "App", "Something went wrong in FieldAudit. Every edit made so far is saved in the audit file."
        ),
    )
    box.setObjectName("unexpectedError")
    box.setInformativeText(QCoreApplication.translate("App", "Details were written to %1.").replace("%1", str(log)))
    box.setDetailedText(details)
    fit_text(box)
    # Unparented and otherwise unreferenced, Python would collect the box before it is seen.
    _error_boxes.append(box)
    box.finished.connect(lambda _result: _error_boxes.remove(box))
    box.open()


_error_boxes: list[QMessageBox] = []


def close_on_terminate(app: QApplication, windows: list[MainWindow]) -> None:
    """On SIGTERM (logout, shutdown, `kill`) close the window as Quit would: the WAL is folded back and
    the position saved. Edits are safe either way; this only keeps the audit one tidy file."""
    if not hasattr(signal, "SIGTERM") or sys.platform == "win32":
        return

    def terminate() -> None:
        for window in windows:
            window.close()
        app.quit()

    signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, terminate))
    # Python runs signal handlers only between bytecodes: a timer lets it in while Qt waits for events.
    heartbeat = QTimer(app)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(300)


def run_office(argv: list[str]) -> int:
    """`python main.py office-gui OFFICE [--settings INI]`: the office window alone."""
    # The office window and its database are loaded only for this command.
    import argparse

    from audit.errors import AuditError
    from gui.office.window import open_office_window

    parser = argparse.ArgumentParser(prog="python main.py office-gui")
    parser.add_argument("office", type=Path, help="office database (.fieldoffice)")
    parser.add_argument("--settings", type=Path, help="preferences INI file (default: the per-user config folder)")
    args, _qt = parser.parse_known_args(argv)
    app = create_application()
    install_translators(app, Preferences(args.settings).language)
    try:
        window = open_office_window(args.office)
    except AuditError as error:
        QMessageBox.critical(None, "FieldAudit", str(error))
        return 1
    status = app.exec()
    del window
    return status
