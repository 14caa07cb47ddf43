// Words for the codes the API sends (subject, status, role, hearing status), and a chip tone for each status.

import { t } from '../../i18n/index.js';

/** The label of `code` in cases.<kind>; an unknown code (a newer core) is shown as it came. */
export function label(kind, code) {
  const key = `cases.${kind}.${code}`;
  const text = t(key);
  return text === key ? code : text;
}

const STATUS_TONES = {
  registered: 'neutral',
  referred: 'neutral',
  in_progress: 'active',
  decided: 'done',
  appeal: 'warning',
  enforcement: 'warning',
  closed: 'neutral',
};

export function statusTone(status) {
  return STATUS_TONES[status] || 'neutral';
}

export function hearingTone(status) {
  return { scheduled: 'active', held: 'done', cancelled: 'danger' }[status] || 'neutral';
}
