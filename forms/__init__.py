"""The schema of what FieldAudit captures: field and form types and the form definitions (data)."""

from forms.registry import FormRegistry, default_registry
from forms.spec import Choice, FieldSpec, FieldType, FormSpec, RepeatSpec, Rule, Text, t

__all__ = [
    "Choice",
    "FieldSpec",
    "FieldType",
    "FormRegistry",
    "FormSpec",
    "RepeatSpec",
    "Rule",
    "Text",
    "default_registry",
    "t",
]
