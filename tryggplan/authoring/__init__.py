"""Authoring: what staff use to write and review plans (scaffolding, semantic diff, history)."""
