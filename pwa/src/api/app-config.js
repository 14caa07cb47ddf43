// What the server tells the shell about itself (GET /api/v1/app-config): sandbox or not, version.

import { useEffect, useState } from 'preact/hooks';
import { api } from './client.js';

const STORAGE_KEY = 'hamrah.app-config';
const EMPTY = { sandbox: false, version: '', mapTileUrl: '' };

function normalise(data) {
  return {
    sandbox: data?.sandbox === true,
    version: typeof data?.version === 'string' ? data.version : '',
    mapTileUrl: typeof data?.map_tile_url === 'string' ? data.map_tile_url : '',
  };
}

/** The last answer seen, so the sample-data banner shows at once and offline too. */
export function cachedAppConfig() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved ? normalise(JSON.parse(saved)) : EMPTY;
  } catch {
    return EMPTY;
  }
}

let pending = null;

/** Fetches the config once per page load (shared by every caller) and remembers it. */
export function fetchAppConfig() {
  if (!pending) {
    pending = api.get('/api/v1/app-config', { redirectOnUnauthorized: false, timeout: 8000 }).then(
      (data) => {
        const config = normalise(data);
        try {
          localStorage.setItem(STORAGE_KEY, JSON.stringify(config));
        } catch {
          // storage blocked: the banner then waits for the network each visit
        }
        return config;
      },
      (error) => {
        pending = null; // let a later caller try again
        throw error;
      },
    );
  }
  return pending;
}

/** Hook: the cached config at once, then the server's answer when it arrives. */
export function useAppConfig() {
  const [config, setConfig] = useState(cachedAppConfig);
  useEffect(() => {
    let live = true;
    fetchAppConfig().then(
      (fresh) => live && setConfig(fresh),
      () => {}, // offline or server down: keep what we had
    );
    return () => {
      live = false;
    };
  }, []);
  return config;
}
