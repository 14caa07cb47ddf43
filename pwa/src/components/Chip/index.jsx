// A small labelled chip: a case's status, a hearing's state. `tone` picks the colours.

import './style.css';

export function Chip({ tone = 'neutral', children }) {
  return <span class={`chip chip--${tone}`}>{children}</span>;
}
