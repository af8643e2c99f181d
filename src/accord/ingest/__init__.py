"""Readers: bytes from files, directories, standard input -> Documents.

Every reader yields :class:`~accord.model.Document` objects or :class:`~accord.errors.InputError`
values (never raises for one bad item), so one bad item never stops a batch.
"""
from .readers import Item, read_bytes, read_paths

__all__ = ["Item", "read_bytes", "read_paths"]
