// Where a case's branch leads: directions in the phone's map app.

/** A map search for the address (the map the offices use too), to open in the phone's map app. */
export function directionsUrl(address) {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`;
}
