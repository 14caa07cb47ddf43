// An office's open state: a chip (open / closed / temporarily closed) and when that changes.

import { Chip } from '../Chip/index.jsx';
import { openStatus } from '../../lib/office-format.js';
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
