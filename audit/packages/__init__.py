"""Audit packages: the auditor's key pair, the signed BagIt zip an auditor sends, and its verification."""
