"""The citizen's cases, their timelines and hearings, kept per citizen so they stay readable when the core is down."""
