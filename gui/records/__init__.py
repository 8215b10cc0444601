"""records room of the GUI."""
