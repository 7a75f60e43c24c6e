"""imfhist: keep an organisation's history as data."""

__version__ = "0.2.0"
