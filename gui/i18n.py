"""Loads Qt's own Chinese translations and FieldAudit's .qm files for the chosen language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

# resources/i18n beside the packages (audit.reference.RESOURCES, without importing the reference
# data's module before the window is first painted).
I18N_FOLDER = Path(__file__).resolve().parents[1] / "resources" / "i18n"
# The language the interface is shown in, kept on the application so that code without an
# AppContext at hand (background jobs) picks the right half of a bilingual message.
LANGUAGE_PROPERTY = "fieldaudit_language"


def system_language() -> str:
    """zh when the system locale is Chinese, else en (the two languages FieldAudit ships)."""
    return "zh" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def current_language() -> str:
    """The interface language (en or zh): the one installed, else the system's."""
    app = QCoreApplication.instance()
    chosen = app.property(LANGUAGE_PROPERTY) if app is not None else None
    return chosen if chosen in ("en", "zh") else system_language()


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install Qt's zh_CN catalogue (dialog buttons, context menus) and every resources/i18n/*_zh_CN.qm."""
    app.setProperty(LANGUAGE_PROPERTY, language)
    if language != "zh":
        return []
    installed: list[QTranslator] = []
    # Parented to the application: an unparented translator would be garbage-collected and vanish.
    qt_catalogue = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_catalogue.load("qtbase_zh_CN", qt_folder):
        app.installTranslator(qt_catalogue)
        installed.append(qt_catalogue)
    for qm in sorted(I18N_FOLDER.glob("*_zh_CN.qm")):
        translator = QTranslator(app)
        if translator.load(str(qm)):
            app.installTranslator(translator)
            installed.append(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    app.setProperty(LANGUAGE_PROPERTY, None)
    for translator in translators:
        app.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(QLocale.system())
