"""The county office: one SQLite database of every audit received, merged from signed packages."""
