// Paths the Flask app answers itself: never handled by the client router, never answered with
// the cached app shell by the service worker (sign-in must reach the server, the API is data).

const PREFIXES = ['api', 'auth', 'sandbox']; // the path and everything under it
const EXACT = ['healthz', 'readyz'];
const SERVER = `(?:${PREFIXES.join('|')})(?:[/?#]|$)|(?:${EXACT.join('|')})(?:[?#]|$)`;

/** Matches a path (with or without query) that belongs to the server. */
export const SERVER_PATH = new RegExp(`^/(?:${SERVER})`);

/** Matches a local path the app's router may handle: everything else that starts with "/". */
export const CLIENT_PATH = new RegExp(`^/(?!${SERVER})`);
