// Hook: the current time, refreshed every `intervalMs` (a minute by default), so countdowns
// («۲ ساعت دیگر») stay true while a view stays open.

import { useEffect, useState } from 'preact/hooks';

export function useNow(intervalMs = 60000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
