"""Command-line commands: each module lists its Command objects in COMMANDS (found automatically)."""
