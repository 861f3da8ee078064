"""Ingest member exports into the warehouse (see shared data-contract.md)."""

from dashboard.ingest.build import IngestError, IngestResult, ingest

__all__ = ["IngestError", "IngestResult", "ingest"]
