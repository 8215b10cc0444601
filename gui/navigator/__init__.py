"""navigator room of the GUI."""
