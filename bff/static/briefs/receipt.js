// The receipt page's print button: shown only when script runs (the page itself needs none).
document.addEventListener('DOMContentLoaded', () => {
  const button = document.querySelector('[data-print]');
  if (!button) return;
  button.hidden = false;
  button.addEventListener('click', () => window.print());
});
