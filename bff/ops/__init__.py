"""Operations: liveness, readiness, the worker's heartbeat and the PWA's runtime configuration."""
