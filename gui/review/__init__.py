"""Views across the whole audit: the to-do list, Find, and a record's history."""
