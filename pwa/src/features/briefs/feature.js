// The briefs feature as the shell sees it: my briefs, one brief, writing one for a case, and, once the
// page has loaded, sending what waits on this device (now and whenever the connection returns).

export default {
  name: 'briefs',
  routes: [
    { path: '/briefs', load: () => import('./views/Briefs/index.jsx') },
    { path: '/briefs/:id', load: () => import('./views/Brief/index.jsx') },
    { path: '/cases/:id/briefs/new', load: () => import('./views/BriefNew/index.jsx') },
  ],
  start: () => import('./replay.js').then((replay) => replay.startBriefReplay()),
};
