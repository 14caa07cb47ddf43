// The account feature as the shell sees it: the page a sign-in that did not complete comes back to.
// (Who is signed in is shared by every feature: lib/session.js.)

export default {
  name: 'account',
  routes: [{ path: '/signin', load: () => import('./views/SignIn/index.jsx') }],
};
