// The filter sheet of the offices list: services (all of), kinds (any of), open now. A modal <dialog>,
// so focus stays inside and Escape closes it; nothing changes until «اعمال».

import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../../../i18n/index.js';
import './style.css';

export const SERVICES = ['petition', 'complaint', 'declaration', 'case_followup', 'brief', 'judicial_papers', 'e_notice', 'fee_payment'];
export const KINDS = ['independent', 'single_counter', 'notary_hosted', 'eservice_hosted'];
export const NO_FILTERS = { services: [], kinds: [], openNow: false };

export function filterCount(filters) {
  return filters.services.length + filters.kinds.length + (filters.openNow ? 1 : 0);
}

function toggle(list, value) {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

export function FilterSheet({ open, filters, onApply, onClose }) {
  const dialog = useRef(null);
  const [draft, setDraft] = useState(filters);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setDraft(filters);
      if (element.showModal) element.showModal();
      else element.setAttribute('open', '');
    } else if (!open && element.open) {
      if (element.close) element.close();
      else element.removeAttribute('open');
    }
  }, [open]);

  function submit(event) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <dialog ref={dialog} class="filter-sheet" aria-labelledby="filter-sheet-title" onClose={onClose} onCancel={onClose}>
      <form class="filter-sheet__form" onSubmit={submit}>
        <h2 id="filter-sheet-title" class="filter-sheet__title">
          {t('offices.filters.title')}
        </h2>
        <fieldset class="filter-sheet__group">
          <legend>{t('offices.filters.services')}</legend>
          {SERVICES.map((service) => (
            <label key={service} class="filter-sheet__choice">
              <input
                type="checkbox"
                name="service"
                value={service}
                checked={draft.services.includes(service)}
                onChange={() => setDraft({ ...draft, services: toggle(draft.services, service) })}
              />
              <span>{t(`catalog.services.${service}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset class="filter-sheet__group">
          <legend>{t('offices.filters.kinds')}</legend>
          {KINDS.map((kind) => (
            <label key={kind} class="filter-sheet__choice">
              <input
                type="checkbox"
                name="kind"
                value={kind}
                checked={draft.kinds.includes(kind)}
                onChange={() => setDraft({ ...draft, kinds: toggle(draft.kinds, kind) })}
              />
              <span>{t(`catalog.kinds.${kind}`)}</span>
            </label>
          ))}
        </fieldset>
        <label class="filter-sheet__choice filter-sheet__choice--strong">
          <input type="checkbox" name="open_now" checked={draft.openNow} onChange={() => setDraft({ ...draft, openNow: !draft.openNow })} />
          <span>{t('offices.filters.open_now')}</span>
        </label>
        <div class="filter-sheet__actions">
          <button type="submit" class="button">
            {t('offices.filters.apply')}
          </button>
          <button type="button" class="button filter-sheet__secondary" onClick={() => setDraft(NO_FILTERS)}>
            {t('offices.filters.reset')}
          </button>
          <button type="button" class="button filter-sheet__secondary" onClick={onClose}>
            {t('offices.filters.close')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
