"""form room of the GUI."""
