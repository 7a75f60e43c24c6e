"""`python -m imfhist` and the `imfhist` script."""

from imfhist.cli import main

if __name__ == "__main__":
    main()
