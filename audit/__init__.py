"""FieldAudit's domain and storage: pure Python, never imports Qt."""

APP_NAME = "FieldAudit"
APP_VERSION = "0.1.0"
