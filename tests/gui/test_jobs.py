"""A background job that fails tells the user why in the interface's language, not always in English."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from audit.errors import AuditError
from forms.spec import Text
from gui.i18n import LANGUAGE_PROPERTY, current_language, install_translators, remove_translators
from gui.jobs import start_job


def _fail(_progress: object) -> None:
    raise AuditError(Text("The disk is full.", "磁盘已满。"))


@pytest.mark.parametrize(("language", "expected"), [("zh", "磁盘已满。"), ("en", "The disk is full.")])
def test_a_failed_job_speaks_the_interface_language(
    qtbot: QtBot, qapp: QApplication, language: str, expected: str
) -> None:
    translators = install_translators(qapp, language)
    try:
        assert current_language() == language
        owner = QWidget()
        qtbot.addWidget(owner)
        messages: list[str] = []
        start_job(_fail, owner, "Export", on_failed=messages.append, show_progress=False)
        # The job may fail before a signal spy could be attached: wait for what the receiver got.
        qtbot.wait_until(lambda: bool(messages), timeout=10_000)
        assert messages == [expected]
    finally:
        remove_translators(qapp, translators)
    assert qapp.property(LANGUAGE_PROPERTY) is None
