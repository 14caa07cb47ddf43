"""The only calls the BFF may make to the core: its allow-list, one Route per core endpoint it uses.

A citizen route carries the citizen's own access token; a service route carries the BFF's own
(client credentials) and exists only for the public office registry and the event feed.
"""

from __future__ import annotations

from bff.platform.outbound import Route

CITIZEN, SERVICE = "citizen", "service"

ME = Route("GET", "/core/v1/me", CITIZEN, True)
CASES = Route("GET", "/core/v1/cases", CITIZEN, True)
CASE = Route("GET", "/core/v1/cases/{case_id}", CITIZEN, True)
HEARINGS = Route("GET", "/core/v1/hearings", CITIZEN, True)
NOTICES = Route("GET", "/core/v1/notices", CITIZEN, True)
NOTICE = Route("GET", "/core/v1/notices/{notice_id}", CITIZEN, True)
NOTICE_RECEIPT = Route("POST", "/core/v1/notices/{notice_id}/receipt", CITIZEN, True)
NOTICE_DOCUMENT = Route("GET", "/core/v1/notices/{notice_id}/documents/{document_id}", CITIZEN, True)
CASE_BRIEFS = Route("POST", "/core/v1/cases/{case_id}/briefs", CITIZEN, False)
BRIEF = Route("GET", "/core/v1/briefs/{brief_id}", CITIZEN, True)
OFFICES = Route("GET", "/core/v1/offices", SERVICE, True)
EVENTS = Route("GET", "/core/v1/events", SERVICE, True)
EVENTS_HEAD = Route("GET", "/core/v1/events/head", SERVICE, True)

ROUTES: tuple[Route, ...] = (ME, CASES, CASE, HEARINGS, NOTICES, NOTICE, NOTICE_RECEIPT, NOTICE_DOCUMENT,
                             CASE_BRIEFS, BRIEF, OFFICES, EVENTS, EVENTS_HEAD)
