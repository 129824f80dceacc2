import { useEffect, useState } from 'react';

/** A search box's text, trimmed, once the typing has paused for `ms` (what server-side searches query with). */
export function useDebounced(v: string, ms = 300): string {
  const [d, setD] = useState(v.trim());
  useEffect(() => {
    const h = setTimeout(() => setD(v.trim()), ms);
    return () => clearTimeout(h);
  }, [v, ms]);
  return d;
}
