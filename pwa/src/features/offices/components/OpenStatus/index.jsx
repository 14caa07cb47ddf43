// An office's open state: a chip (open / closed / temporarily closed) and when that changes.

import { Chip } from '../../../../components/Chip/index.jsx';
import { openStatus } from '../../format.js';
import './style.css';

export function OpenStatus({ office, now }) {
  const { tone, label, detail } = openStatus(office, now);
  return (
    <span class="open-status">
      <Chip tone={tone}>{label}</Chip>
      {detail && <span class="open-status__detail">{detail}</span>}
    </span>
  );
}
