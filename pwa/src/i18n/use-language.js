// Hook: re-renders a component when the language changes and returns the current one.

import { useEffect, useState } from 'preact/hooks';
import { getLanguage, onLanguageChange } from './index.js';

export function useLanguage() {
  const [language, setLanguage] = useState(getLanguage);
  useEffect(() => {
    setLanguage(getLanguage()); // a switch may have happened between render and effect
    return onLanguageChange(setLanguage);
  }, []);
  return language;
}
