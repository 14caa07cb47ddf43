// A button that copies a value (a case number, an address) and says so to everyone, screen readers included.

import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { CopyIcon } from '../Icon/index.jsx';
import './style.css';

async function copy(text) {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Older browsers, or a page that isn't a secure context: the selection fallback.
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.className = 'copy-button__scratch';
  document.body.append(field);
  field.select();
  const done = document.execCommand('copy');
  field.remove();
  if (!done) throw new Error('copy refused');
}

/** value: the exact text copied (ASCII digits stay ASCII); label: what the button does, for assistive technology. */
export function CopyButton({ value, label }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return undefined;
    const timer = setTimeout(() => setCopied(false), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  async function onClick() {
    try {
      await copy(value);
      setCopied(true);
    } catch (error) {
      console.warn('[copy] not copied', error);
    }
  }

  return (
    <span class="copy-button">
      <button type="button" class="copy-button__button" onClick={onClick} aria-label={label} title={label}>
        <CopyIcon size={20} />
      </button>
      <span class="copy-button__status" role="status">
        {copied ? t('cases.list.copied') : ''}
      </span>
    </span>
  );
}
