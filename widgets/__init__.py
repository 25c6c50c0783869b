"""Textual widgets that only display state and emit messages."""
