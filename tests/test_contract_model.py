from extractors.model import Extraction, FileInfo, Found, clean_quote


def test_round_trip_keeps_every_field() -> None:
    e = Extraction(file=FileInfo("a.pdf", "0" * 64, 1, 10), kind="soc3")
    e.fields.vendor = Found("Acme, Inc.", 1, "Acme,\n Inc.")
    again = Extraction.from_dict(e.to_dict())
    assert again.to_dict() == e.to_dict()
    assert again.fields.vendor is not None and again.fields.vendor.quote == "Acme, Inc."
    assert e.to_dict()["fields"]["vendor"]["quote"] == "Acme, Inc."


def test_quotes_are_capped_at_the_contract_limit() -> None:
    q = clean_quote("x " * 500)
    assert q is not None and len(q) <= 400
