// Hook: a GET of the citizen's own data that stays readable offline.
// Each answer is kept on the device (lib/personal-cache.js, keyed by account); when the network or
// the server fails, the kept copy is shown instead, with `offline` set. The server's own `stale`
// flag (the core was down, so the server answered with its last copy) arrives inside `data`.

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, OfflineError, api } from '../api/client.js';
import { t } from '../i18n/index.js';
import { keepResponse, keptResponse } from './personal-cache.js';
import { currentSession, lastAccount, loadSession } from './session.js';

const LOADING = { status: 'loading', data: null, error: null, offline: false, refreshing: false };

function keptCopyHelps(error) {
  return error instanceof OfflineError || (error instanceof ApiError && error.status >= 500);
}

/**
 * Loads `path`; returns {status: 'loading'|'ready'|'failed', data, error, offline, refreshing, refresh()}.
 * options.redirectOnUnauthorized (default true): a 401 sends the citizen to sign in and back here;
 * false leaves the 401 in `error`, for views that explain signing in themselves.
 * options.accept(data): whether an answer has the expected shape; anything else is a failure, never kept.
 */
export function usePersonalResource(path, { redirectOnUnauthorized = true, accept = () => true } = {}) {
  const [state, setState] = useState(LOADING);
  const latest = useRef(0);

  const load = useCallback(async () => {
    const run = ++latest.current;
    const current = () => run === latest.current;
    setState((previous) => (previous.data ? { ...previous, refreshing: true } : LOADING));
    let data;
    try {
      data = await api.get(path, { redirectOnUnauthorized });
      if (!accept(data)) throw new ApiError({ status: 502, title: t('common.request_failed'), problem: {} });
    } catch (error) {
      if (current()) await showKeptCopy(error);
      return;
    }
    if (!current()) return;
    setState({ status: 'ready', data, error: null, offline: false, refreshing: false });
    try {
      const { me } = await loadSession();
      if (me?.account) await keepResponse(me.account, path, data);
    } catch (error) {
      console.warn('[personal-resource] could not keep a copy on this device', error); // private mode, full disk
    }

    async function showKeptCopy(error) {
      if (keptCopyHelps(error)) {
        const account = currentSession().me?.account || lastAccount();
        const kept = await keptResponse(account, path).catch(() => null);
        if (!current()) return;
        if (kept) {
          setState({ status: 'ready', data: kept, error, offline: true, refreshing: false });
          return;
        }
      }
      if (!(error instanceof ApiError || error instanceof OfflineError)) {
        console.error('[personal-resource] could not load', path, error);
      }
      const offline = error instanceof OfflineError;
      // A refresh that fails keeps what is on screen (unless the answer says it is no longer there).
      const keepShown = keptCopyHelps(error);
      setState((previous) =>
        keepShown && previous.data
          ? { ...previous, error, offline: previous.offline || offline, refreshing: false }
          : { status: 'failed', data: null, error, offline, refreshing: false },
      );
    }
  }, [path, redirectOnUnauthorized]);

  useEffect(() => {
    load();
    return () => {
      latest.current += 1; // answers arriving after unmount or a path change are dropped
    };
  }, [load]);

  return { ...state, refresh: load };
}
