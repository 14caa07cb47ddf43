// Inline SVG icons (no icon font): decorative, so hidden from assistive technology.
// Icons that point "forward" carry the class icon--forward and are mirrored in right-to-left text.

import './style.css';

function Svg({ children, forward = false, size = 24 }) {
  return (
    <svg
      class={forward ? 'icon icon--forward' : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

/** A public building with columns: the offices. */
export function OfficeIcon(props) {
  return (
    <Svg {...props}>
      <path d="M12 3 20 8H4z" />
      <path d="M3 21h18M5 18h14M6 10v8M10 10v8M14 10v8M18 10v8" />
    </Svg>
  );
}

/** A folder: cases. */
export function CaseIcon(props) {
  return (
    <Svg {...props}>
      <path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z" />
    </Svg>
  );
}

/** An envelope: electronic notices. */
export function NoticeIcon(props) {
  return (
    <Svg {...props}>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="m3.5 7 8.5 6 8.5-6" />
    </Svg>
  );
}

/** Sliders: settings. */
export function SettingsIcon(props) {
  return (
    <Svg {...props}>
      <path d="M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1" />
      <circle cx="15" cy="6" r="2" />
      <circle cx="9" cy="12" r="2" />
      <circle cx="17" cy="18" r="2" />
    </Svg>
  );
}

/** An arrow pointing in the reading direction (drawn for left-to-right, mirrored in RTL). */
export function ForwardIcon(props) {
  return (
    <Svg forward {...props}>
      <path d="M5 12h14M13 6l6 6-6 6" />
    </Svg>
  );
}

/** The app's mark: a pair of scales, as in the app icon. */
export function ScalesIcon(props) {
  return (
    <Svg {...props}>
      <path d="M12 4v15M8 20h8M5 7h14M5 7l-3 7h6zM19 7l-3 7h6z" />
      <circle cx="12" cy="3.5" r="0.5" />
    </Svg>
  );
}

/** Two overlapping sheets: copy to the clipboard. */
export function CopyIcon(props) {
  return (
    <Svg {...props}>
      <rect x="8" y="8" width="12" height="12" rx="2" />
      <path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2" />
    </Svg>
  );
}

/** A calendar page: hearings, adding to a calendar. */
export function CalendarIcon(props) {
  return (
    <Svg {...props}>
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M3 10h18M8 3v4M16 3v4" />
    </Svg>
  );
}

/** A map pin: an address, directions. */
export function PlaceIcon(props) {
  return (
    <Svg {...props}>
      <path d="M12 21s-7-6.2-7-12a7 7 0 0 1 14 0c0 5.8-7 12-7 12z" />
      <circle cx="12" cy="9" r="2.5" />
    </Svg>
  );
}

/** A circular arrow: refresh. */
export function RefreshIcon(props) {
  return (
    <Svg {...props}>
      <path d="M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7" />
    </Svg>
  );
}

/** A person: the citizen's account. */
export function PersonIcon(props) {
  return (
    <Svg {...props}>
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21a8 8 0 0 1 16 0" />
    </Svg>
  );
}
