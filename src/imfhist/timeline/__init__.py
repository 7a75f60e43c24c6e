"""Reading a timeline: bytes to YAML nodes with positions (yamlsource), nodes to the model
(loader, model), and what the model means: dates and their wordings, countries and places,
relative chronology, archived sources and the evidence of quotes, queries and duplicates.
Imports only from imfhist.common."""
