"""The platform: what every room of the BFF stands on and none of them owns.

Settings, logs, the one error path, the API document, message catalogs, Persian text and digits, Jalali
dates, the database, security headers, inbound checks, rate limits, metrics, the one clock, leases,
backoff, the signals between rooms, the per-app services and the transport to outside systems. Nothing
here imports a domain, the core client or the queue (the import-linter contracts in setup.cfg hold it).
"""
