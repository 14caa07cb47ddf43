// The search by name, city or address.

import { useState } from 'preact/hooks';
import { t } from '../../../../i18n/index.js';

/** onSearch(text): the trimmed text, never empty. */
export function SearchForm({ initial, onSearch }) {
  const [text, setText] = useState(initial);
  return (
    <form
      class="offices-view__search"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) onSearch(text.trim());
      }}
    >
      <label for="offices-q" class="offices-view__label">
        {t('offices.search.label')}
      </label>
      <div class="offices-view__search-row">
        <input
          id="offices-q"
          type="search"
          name="q"
          value={text}
          placeholder={t('offices.search.placeholder')}
          autocomplete="off"
          enterkeyhint="search"
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <button type="submit" class="button">
          {t('offices.search.submit')}
        </button>
      </div>
    </form>
  );
}
