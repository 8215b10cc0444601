"""User preferences in an INI file the app chooses (language, auditor, folders, recent audits, where the user was)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from gui.i18n import system_language

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

MAX_RECENT = 10


def _sha1_hex(data: bytes) -> str:
    """hashlib.sha1(data).hexdigest(): CPython's own SHA-1, without loading OpenSSL for one key before
    the window's first paint (issue 15: importing hashlib takes ~3.5 ms, _sha1 ~0.3 ms)."""
    try:
        from _sha1 import sha1
    except ImportError:  # another Python
        from hashlib import sha1
    return sha1(data, usedforsecurity=False).hexdigest()


def color_scheme_named(name: str) -> Qt.ColorScheme:
    """The colour scheme "light", "dark" or anything else ("system": Unknown, follow the system)."""
    from PySide6.QtCore import Qt

    return {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(name, Qt.ColorScheme.Unknown)


def default_settings_path() -> Path:
    """FIELDAUDIT_SETTINGS wins (tests, portable installs); else FieldAudit/fieldaudit.ini in the platform's
    per-user config folder (~/.config/FieldAudit/fieldaudit.ini on Linux, as docs/gui.md says)."""
    override = os.environ.get("FIELDAUDIT_SETTINGS")
    if override:
        return Path(override)
    # GenericConfigLocation, not AppConfigLocation: the latter adds organisation *and* application name,
    # which are both "FieldAudit" (~/.config/FieldAudit/FieldAudit/).
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    path = Path(folder or Path.home() / ".config") / "FieldAudit" / "fieldaudit.ini"
    doubled = path.parent / "FieldAudit" / path.name
    if not path.exists() and doubled.is_file():
        # Settings written by earlier versions move to where the documentation says they are.
        path.parent.mkdir(parents=True, exist_ok=True)
        doubled.replace(path)
    return path


def environment_language() -> str | None:
    """FIELDAUDIT_LANG, as the command line reads it: zh…/en… for this session, else None."""
    value = os.environ.get("FIELDAUDIT_LANG", "").strip().lower()
    if not value:
        return None
    return "zh" if value.startswith("zh") else "en"


def default_audits_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "FieldAudit"


class Preferences:
    """Typed access to the settings file; every value is read and written through here."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_settings_path()
        self.settings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _text(self, key: str, default: str = "") -> str:
        value = self.settings.value(key, default)
        return value if isinstance(value, str) else default

    # -- what the user chooses in the dialog ------------------------------------------------------
    @property
    def language(self) -> str:
        """FIELDAUDIT_LANG for this session if set (as on the command line), else the saved choice, else the system's."""
        value = self._text("interface/language")
        return environment_language() or (value if value in ("zh", "en") else system_language())

    @language.setter
    def language(self, value: str) -> None:
        self.settings.setValue("interface/language", value)

    @property
    def saved_language(self) -> str:
        value = self._text("interface/language")
        return value if value in ("zh", "en") else system_language()

    @property
    def auditor_name(self) -> str:
        return self._text("auditor/name")

    @auditor_name.setter
    def auditor_name(self, value: str) -> None:
        self.settings.setValue("auditor/name", value.strip())

    @property
    def organisation(self) -> str:
        return self._text("auditor/organisation")

    @organisation.setter
    def organisation(self, value: str) -> None:
        self.settings.setValue("auditor/organisation", value.strip())

    @property
    def audits_folder(self) -> Path:
        value = self._text("paths/audits_folder")
        return Path(value) if value else default_audits_folder()

    @audits_folder.setter
    def audits_folder(self, value: Path | str) -> None:
        self.settings.setValue("paths/audits_folder", str(value))

    @property
    def color_scheme_name(self) -> str:
        """ "light", "dark" or "system" (follow the system's): read without building PySide6's Qt
        namespace, which the window's first paint does without (gui/first_paint.py)."""
        value = self._text("interface/color_scheme")
        return value if value in ("light", "dark") else "system"

    @property
    def color_scheme(self) -> Qt.ColorScheme:
        return color_scheme_named(self.color_scheme_name)

    @color_scheme.setter
    def color_scheme(self, value: Qt.ColorScheme) -> None:
        from PySide6.QtCore import Qt

        names = {Qt.ColorScheme.Light: "light", Qt.ColorScheme.Dark: "dark"}
        self.settings.setValue("interface/color_scheme", names.get(value, "system"))

    @property
    def window_geometry(self) -> QByteArray | None:
        value = self.settings.value("interface/window_geometry")
        return value if isinstance(value, QByteArray) else None

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self.settings.setValue("interface/window_geometry", value)

    @property
    def auditor_asked(self) -> bool:
        """Whether the first-run question for the auditor's name was answered or put off."""
        return self._text("auditor/asked") == "yes"

    @auditor_asked.setter
    def auditor_asked(self, value: bool) -> None:
        self.settings.setValue("auditor/asked", "yes" if value else "no")

    def author(self) -> str | None:
        """What edits are signed with: "name (organisation)"; None lets the store use the login name."""
        name, organisation = self.auditor_name, self.organisation
        if name and organisation:
            return f"{name} ({organisation})"
        return name or organisation or None

    # -- what the app remembers --------------------------------------------------------------------
    def recent_files(self) -> list[Path]:
        # Stored as JSON: QSettings turns a one-element list in an INI file back into a plain string.
        try:
            values = json.loads(self._text("session/recent", "[]"))
        except ValueError:
            values = []
        return [Path(v) for v in values if isinstance(v, str)]

    def add_recent(self, path: Path) -> None:
        path = path.resolve()
        files = [path, *(p for p in self.recent_files() if p != path)][:MAX_RECENT]
        self.settings.setValue("session/recent", json.dumps([str(p) for p in files], ensure_ascii=False))

    def remove_recent(self, path: Path) -> None:
        files = [p for p in self.recent_files() if p != path.resolve()]
        self.settings.setValue("session/recent", json.dumps([str(p) for p in files], ensure_ascii=False))

    @property
    def last_audit(self) -> Path | None:
        value = self._text("session/last_audit")
        return Path(value) if value else None

    @last_audit.setter
    def last_audit(self, value: Path | None) -> None:
        self.settings.setValue("session/last_audit", str(value.resolve()) if value else "")

    def _position_key(self, audit: Path) -> str:
        return "positions/" + _sha1_hex(str(audit.resolve()).encode())[:16]

    def position(self, audit: Path) -> tuple[str, str | None]:
        """The navigator node and record the user last had open in this audit."""
        try:
            value = json.loads(self._text(self._position_key(audit), "{}"))
        except ValueError:
            value = {}
        node = value.get("node") if isinstance(value, dict) else None
        record = value.get("record") if isinstance(value, dict) else None
        return (node if isinstance(node, str) else "", record if isinstance(record, str) else None)

    def set_position(self, audit: Path, node: str, record: str | None, write_now: bool = True) -> None:
        self.settings.setValue(self._position_key(audit), json.dumps({"node": node, "record": record}))
        if write_now:
            # Written at once: a killed app must still reopen where the user was (a few hundred bytes).
            self.settings.sync()

    def sync(self) -> None:
        self.settings.sync()
