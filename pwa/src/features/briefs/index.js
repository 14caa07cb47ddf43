// What the briefs feature offers other features. Loaded with the views that ask for it, so the outbox's
// code (and IndexedDB's) still loads only when one of these is called.

/** How many of the account's briefs still wait on this device (failed ones included). */
export async function unsentCount(account) {
  const outbox = await import('./outbox.js');
  return outbox.unsentCount(account);
}

/** Deletes every draft and waiting brief on this device. */
export async function clearBriefsOnDevice() {
  const outbox = await import('./outbox.js');
  return outbox.clearBriefsOnDevice();
}
