"""Helpers every app may import: they import no app of Redflag's, so nothing here can pull an app
into a cycle. tests/test_architecture.py holds this line."""
