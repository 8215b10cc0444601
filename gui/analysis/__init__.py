"""analysis room of the GUI."""
