"""Form definitions: one module per form, each exposing FORM (found automatically)."""
