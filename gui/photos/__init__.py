"""photos room of the GUI."""
