"""imfhist: keep an organisation's history as data."""

__version__ = "0.1.0"
