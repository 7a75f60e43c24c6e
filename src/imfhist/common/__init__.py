"""What every layer may use: the interface language (i18n, with the catalogue in locale/),
problems and their positions, text folding and safe display, "did you mean", the files a user
names (inputs, paths, settings) and the cache. Imports nothing else of imfhist."""
