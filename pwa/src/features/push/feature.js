// The push feature as the shell sees it: this device's notification settings, and, once the service
// worker runs, the check at every start that the server still holds this device's subscription
// (subscriptions die silently).

export default {
  name: 'push',
  routes: [{ path: '/settings/notifications', load: () => import('./views/NotificationSettings/index.jsx') }],
  start: ({ serviceWorker }) => serviceWorker && import('./device.js').then((device) => device.syncPushOnStart()),
};
