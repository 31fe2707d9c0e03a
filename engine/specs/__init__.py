"""Gherkin specs for legal staff: the shipped step library, coverage and runner (issue 3)."""
