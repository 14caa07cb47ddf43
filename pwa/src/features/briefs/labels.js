// Words and chip tones for a brief's status (the server's, and the device's own while it waits here).

import { formatNumber, t } from '../../i18n/index.js';

const TONES = {
  received: 'active',
  forwarding: 'active',
  registered: 'done',
  rejected: 'danger',
  queued: 'warning',
  sending: 'warning',
  failed: 'danger',
};

export function statusLabel(status) {
  const key = `briefs.status.${status}`;
  const text = t(key);
  return text === key ? status : text;
}

export function statusTone(status) {
  return TONES[status] || 'neutral';
}

/** Why the core refused a brief, in words; the core's own reason, or its code, when we have no words. */
export function rejectionText(rejection) {
  if (!rejection) return '';
  const key = `briefs.rejections.${rejection.code}`;
  const text = t(key);
  return text === key ? rejection.reason || rejection.code : text;
}

/** «۱٫۲ مگابایت» / "1.2 MB" (kilobytes below a megabyte). */
export function sizeText(bytes) {
  const mb = bytes >= 1024 * 1024;
  const value = mb ? bytes / (1024 * 1024) : Math.max(1, Math.round(bytes / 1024));
  return `${formatNumber(value, { maximumFractionDigits: 1 })} ${t(mb ? 'briefs.units.mb' : 'briefs.units.kb')}`;
}

/** A SHA-256 in groups of eight, easier to compare by eye. */
export function grouped(hex) {
  return (hex || '').replace(/(.{8})(?=.)/g, '$1 ');
}
