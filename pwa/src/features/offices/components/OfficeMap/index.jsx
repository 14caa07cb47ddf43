// The offices on a map (Leaflet): loaded only when someone opens the map, never in the first load.
// Tiles come from the configured URL (app-config map_tile_url); the list beside it works without them.
// Markers are vector circles (no marker images); popups are built from DOM nodes, never HTML strings.

import 'leaflet/dist/leaflet.css';
import { circleMarker, latLngBounds, map as leafletMap, tileLayer } from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import { faDigits, t } from '../../../../i18n/index.js';
import './style.css';

function popup(office) {
  const box = document.createElement('div');
  const link = document.createElement('a');
  link.href = `/offices/${encodeURIComponent(office.code)}`;
  link.textContent = faDigits(office.name);
  const address = document.createElement('p');
  address.textContent = faDigits(office.address);
  box.append(link, address);
  return box;
}

export default function OfficeMap({ offices, you, tileUrl }) {
  const element = useRef(null);

  useEffect(() => {
    const map = leafletMap(element.current, { attributionControl: true, zoomControl: true });
    map.attributionControl.setPrefix(false);
    if (tileUrl) tileLayer(tileUrl, { attribution: t('offices.map.attribution'), maxZoom: 18 }).addTo(map);
    const points = [];
    for (const office of offices) {
      const point = [office.lat, office.lon];
      points.push(point);
      circleMarker(point, { radius: 9, weight: 2, color: '#0b4f6c', fillColor: '#ffffff', fillOpacity: 1 })
        .bindPopup(popup(office))
        .addTo(map);
    }
    if (you) {
      const point = [you.lat, you.lon];
      points.push(point);
      circleMarker(point, { radius: 7, weight: 3, color: '#ffffff', fillColor: '#0b4f6c', fillOpacity: 1 })
        .bindTooltip(t('offices.map.you'))
        .addTo(map);
    }
    if (points.length === 1) map.setView(points[0], 14);
    else if (points.length) map.fitBounds(latLngBounds(points), { padding: [24, 24], maxZoom: 15 });
    else map.setView([32.4, 53.7], 5); // Iran
    return () => map.remove();
  }, [offices, you, tileUrl]);

  return <div ref={element} class="office-map" role="region" aria-label={t('offices.map.label')} />;
}
