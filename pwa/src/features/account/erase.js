// «حذف اطلاعات من»: the server deletes what it keeps about the citizen (devices, preferences, queued
// notifications, kept case copies), then this device forgets too (push subscription, drafts and waiting
// briefs, kept responses). Submitted briefs stay on the server: their receipts are the citizen's proof.

import { api } from '../../api/client.js';
import { clearPersonalData } from '../../lib/personal-data.js';
import { clearBriefsOnDevice } from '../briefs/index.js';
import { disablePush } from '../push/index.js';

/** Resolves to the server's counts of what it deleted; rejects (ApiError/OfflineError) if it could not. */
export async function eraseMyData() {
  const { deleted } = await api.delete('/api/v1/me/data');
  await disablePush().catch((error) => console.warn('[erase] could not drop this device\'s push subscription', error));
  await clearBriefsOnDevice().catch((error) => console.warn('[erase] could not delete drafts on this device', error));
  await clearPersonalData({ reason: 'erase' });
  return deleted;
}
