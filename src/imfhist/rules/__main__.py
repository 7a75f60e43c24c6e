"""`python -m imfhist.rules` prints docs/rules.md."""

from imfhist.rules import markdown

print(markdown(), end="")
