"""The Preferences dialog and the first-run question for the auditor's name (gui/preferences.py holds
the preferences themselves: these dialogs are imported when first opened, not before the window's
first paint)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from gui.preferences import Preferences


class PreferencesDialog(QDialog):
    """Edits the preferences; a new language applies after a restart."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.setWindowTitle(self.tr("Preferences"))
        layout = QFormLayout(self)
        self.language = QComboBox()
        self.language.addItem("中文（简体）", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(self.language.findData(preferences.saved_language))
        layout.addRow(self.tr("&Language"), self.language)
        self.restart_note = QLabel(self.tr("A new language is used after FieldAudit is restarted."))
        self.restart_note.setWordWrap(True)
        layout.addRow("", self.restart_note)
        self.auditor_name = QLineEdit(preferences.auditor_name)
        layout.addRow(self.tr("Auditor &name"), self.auditor_name)
        self.organisation = QLineEdit(preferences.organisation)
        layout.addRow(self.tr("&Organisation"), self.organisation)
        self.auditor_name.setToolTip(self.tr("Every edit is signed with the name and organisation."))
        self.organisation.setToolTip(self.auditor_name.toolTip())
        folder_row = QHBoxLayout()
        self.folder = QLineEdit(str(preferences.audits_folder))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        folder_label = QLabel(self.tr("Audits &folder"))
        folder_label.setBuddy(self.folder)  # a row holding a layout gets no buddy, so "&" would show
        layout.addRow(folder_label, folder_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
        self.setMinimumWidth(520)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Audits folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def accept(self) -> None:
        if str(self.language.currentData()) != self.preferences.saved_language:
            self.preferences.language = str(self.language.currentData())
        self.preferences.auditor_name = self.auditor_name.text()
        self.preferences.organisation = self.organisation.text()
        if self.folder.text().strip():
            self.preferences.audits_folder = self.folder.text().strip()
        self.preferences.sync()
        super().accept()


class AuditorDialog(QDialog):
    """Asked once, on the first start: who signs the edits (else they carry the computer's login name)."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.setWindowTitle(self.tr("Who is auditing?"))
        layout = QFormLayout(self)
        intro = QLabel(
            self.tr(
                "Every edit in an audit is signed with the auditor's name and organisation, so that the "
                "office can see who entered what. You can change them later in Edit > Preferences."
            )
        )
        intro.setWordWrap(True)
        layout.addRow(intro)
        self.auditor_name = QLineEdit(preferences.auditor_name)
        self.auditor_name.setObjectName("auditorName")
        layout.addRow(self.tr("Auditor &name"), self.auditor_name)
        self.organisation = QLineEdit(preferences.organisation)
        self.organisation.setObjectName("auditorOrganisation")
        layout.addRow(self.tr("&Organisation"), self.organisation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        later = buttons.addButton(self.tr("Later"), QDialogButtonBox.ButtonRole.RejectRole)
        later.setToolTip(self.tr("Edits are signed with the computer's login name until a name is given."))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
        self.setMinimumWidth(460)

    def accept(self) -> None:
        self.preferences.auditor_name = self.auditor_name.text()
        self.preferences.organisation = self.organisation.text()
        self.preferences.auditor_asked = True
        self.preferences.sync()
        super().accept()

    def reject(self) -> None:
        self.preferences.auditor_asked = True  # asked once; Preferences is where to give it later
        self.preferences.sync()
        super().reject()
