"""Frequently asked questions promoted from official answers."""
