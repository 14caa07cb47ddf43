"""The office locator: the registry of judicial e-services offices, nearest/search/open-now, offline bundle."""
