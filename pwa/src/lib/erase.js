// «حذف اطلاعات من»: the server deletes what it keeps about the citizen (devices, preferences, queued
// notifications, kept case copies), then this device forgets too (push subscription, drafts and waiting
// briefs, kept responses). Submitted briefs stay on the server: their receipts are the citizen's proof.

import { api } from '../api/client.js';
import { clearPersonalData } from './personal-data.js';

/** Resolves to the server's counts of what it deleted; rejects (ApiError/OfflineError) if it could not. */
export async function eraseMyData() {
  const { deleted } = await api.delete('/api/v1/me/data');
  await import('./push-device.js')
    .then((push) => push.disablePush())
    .catch((error) => console.warn('[erase] could not drop this device\'s push subscription', error));
  await import('./brief-outbox.js')
    .then((outbox) => outbox.clearBriefsOnDevice())
    .catch((error) => console.warn('[erase] could not delete drafts on this device', error));
  await clearPersonalData({ reason: 'erase' });
  return deleted;
}
