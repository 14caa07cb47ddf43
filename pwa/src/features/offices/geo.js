// Great-circle distance on the device — the twin of the server's bff/offices/index.py haversine_km
// (same Earth radius, same operations), so offline results match the server's.

/** Mean Earth radius (IUGG), as on the server. */
export const EARTH_RADIUS_KM = 6371.0088;
const DEGREE = Math.PI / 180; // Python's math.radians multiplies by pi/180 the same way

/** Great-circle distance in km between two points given in degrees. */
export function haversineKm(lat1, lon1, lat2, lon2) {
  const phi1 = lat1 * DEGREE;
  const phi2 = lat2 * DEGREE;
  const halfDphi = Math.sin((phi2 - phi1) / 2);
  const halfDlambda = Math.sin(((lon2 - lon1) * DEGREE) / 2);
  const a = halfDphi * halfDphi + Math.cos(phi1) * Math.cos(phi2) * halfDlambda * halfDlambda;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Kilometres to the metre, as the API's distance_km. */
export function roundKm(km) {
  return Number(km.toFixed(3));
}

/** How a distance is said: metres below 1 km (to 10 m), one decimal below 10 km, whole km beyond. */
export function distanceParts(km) {
  if (km < 1) return { unit: 'm', value: Math.max(10, Math.round((km * 1000) / 10) * 10) };
  if (km < 10) return { unit: 'km', value: Math.round(km * 10) / 10 };
  return { unit: 'km', value: Math.round(km) };
}
