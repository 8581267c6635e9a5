"""Watchlists (sanctions lists) read into entries: the UN Security Council consolidated
list (XML), OFAC's SDN list (legacy CSV, with its alternate-name and address CSVs beside
it) and FollowTheMoney JSON Lines. :func:`read_list` picks the reader by content."""

from selon.resolve.watchlists.model import Entry, ListData
from selon.resolve.watchlists.read import read_list

__all__ = ["Entry", "ListData", "read_list"]
