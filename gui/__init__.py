"""FieldAudit's desktop interface: views, Qt models, undo commands and background jobs (no SQL, no domain rules)."""

from gui.qt_workarounds import pin_true

pin_true()
