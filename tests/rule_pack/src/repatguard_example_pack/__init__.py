"""An invented rule pack for repatguard: the ACME family (see ``rules.py``)."""
