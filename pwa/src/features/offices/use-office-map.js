// Hook: the map beside the results, its code (Leaflet) loaded the first time it is opened.

import { useState } from 'preact/hooks';

/** {open, Map (the component, once loaded), failed, toggle()}. */
export function useOfficeMap() {
  const [map, setMap] = useState({ open: false, Map: null, failed: false });

  async function toggle() {
    if (map.open) {
      setMap({ ...map, open: false });
      return;
    }
    try {
      const Map = map.Map || (await import('./components/OfficeMap/index.jsx')).default;
      setMap({ open: true, Map, failed: false });
    } catch (error) {
      console.error('[offices] the map could not be loaded', error);
      setMap({ open: false, Map: null, failed: true });
    }
  }

  return { ...map, toggle };
}
