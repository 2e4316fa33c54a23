"""Field readers, one module per concern. Each reads the cleaned text (see ``text``; organisations' names are matched
with ``org_names``) and returns typed values with the page and quote they were read from, or None / an empty list
when the document does not state them."""
