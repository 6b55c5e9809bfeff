// Hash routes (#/fleet, #/device/<id>, ...): they work the same from file://
// in Electron and over http from the headless server, with no server rules.
import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'fleet' }
  | { page: 'device'; id: string }
  | { page: 'discover' }
  | { page: 'earnings' }
  | { page: 'settings' };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [page = '', ...rest] = path.split('/');
  if (page === 'device' && rest.length) {
    try {
      return { page: 'device', id: decodeURIComponent(rest.join('/')) };
    } catch {
      return { page: 'fleet' };
    }
  }
  if (page === 'discover' || page === 'settings' || page === 'earnings') return { page };
  return { page: 'fleet' };
}

export function hrefFor(route: Route): string {
  return route.page === 'device' ? `#/device/${encodeURIComponent(route.id)}` : `#/${route.page}`;
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}
