// Small pieces of the notification settings: a saved/failed message and an on/off switch.

/** message: null or {tone: 'ok' | 'error', text}. */
export function Message({ message }) {
  if (!message) return null;
  return (
    <p class={`push-settings__message push-settings__message--${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>
      {message.text}
    </p>
  );
}

export function Switch({ checked, onChange, children, hint }) {
  return (
    <label class="push-settings__switch">
      <input type="checkbox" role="switch" checked={checked} onChange={(event) => onChange(event.currentTarget.checked)} />
      <span>
        {children}
        {hint && <span class="push-settings__switch-hint">{hint}</span>}
      </span>
    </label>
  );
}
