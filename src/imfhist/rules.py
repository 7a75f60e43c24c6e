"""`python -m imfhist.rules` prints docs/rules.md, the documentation of every rule, generated from
the rules themselves (imfhist.checking.rules)."""

from imfhist.checking.rules import markdown

if __name__ == "__main__":
    print(markdown(), end="")
