"""Sign-in through the identity provider (OIDC, PKCE), server-side sessions and tokens, CSRF."""
