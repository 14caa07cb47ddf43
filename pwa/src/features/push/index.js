// What the push feature offers other features: the way to its settings page, and turning this device's
// pushes off (its code loaded when called).

export { NotificationsLink } from './components/NotificationsLink/index.jsx';

/** Turns pushes off for this device: the server forgets it, the browser drops the subscription. */
export async function disablePush() {
  const device = await import('./device.js');
  return device.disablePush();
}
