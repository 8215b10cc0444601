"""The county office: its database, the packages it receives, the register and the project reserve."""
