"""Checking a timeline: the rules (one module per family), validation of files, and the error
count that reading commands announce, cached. Imports from imfhist.timeline and below."""
