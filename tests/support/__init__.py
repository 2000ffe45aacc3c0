"""Helpers the tests share: the mock's control API and a reader of its pages."""
