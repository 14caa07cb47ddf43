// Hook: where the citizen is, asked only when they tap «دفاتر نزدیک من» (never on page load).

import { useState } from 'preact/hooks';

const GEOLOCATION = { enableHighAccuracy: false, timeout: 15000, maximumAge: 5 * 60 * 1000 };

function locate() {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) {
      reject(Object.assign(new Error('no geolocation'), { code: 2 }));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ lat: position.coords.latitude, lon: position.coords.longitude }),
      reject,
      GEOLOCATION,
    );
  });
}

/** {state: 'idle'|'asking'|'denied'|'unavailable', ask()}: ask() resolves to {lat, lon}, or null when refused. */
export function useNearMe() {
  const [state, setState] = useState('idle');
  async function ask() {
    setState('asking');
    try {
      const coords = await locate();
      setState('idle');
      return coords;
    } catch (error) {
      setState(error?.code === 1 ? 'denied' : 'unavailable'); // 1: PERMISSION_DENIED
      return null;
    }
  }
  return { state, ask };
}
