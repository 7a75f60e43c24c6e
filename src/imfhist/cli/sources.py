from imfhist.cli.app import app  # noqa: F401
