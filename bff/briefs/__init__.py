"""Briefs (لایحه) submitted from the phone: accepted once per Idempotency-Key, stored, forwarded to the core."""
