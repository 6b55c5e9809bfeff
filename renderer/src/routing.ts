// Hash routes (#/fleet, #/device/<id>, ...): they work the same from file://
// in Electron and over http from the headless server, with no server rules.
import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'fleet' }
  | { page: 'device'; id: string }
  | { page: 'discover' }
  | { page: 'earnings' }
  | { page: 'settings' }
  | { page: 'logs' }
  | { page: 'bundle' }
  | { page: 'usb' }
  | { page: 'usb-stick'; id: string }
  | { page: 'charts' }
  | { page: 'alerts' };

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
  if (page === 'usb') {
    try {
      return rest.length ? { page: 'usb-stick', id: decodeURIComponent(rest.join('/')) } : { page: 'usb' };
    } catch {
      return { page: 'usb' };
    }
  }
  if (page === 'discover' || page === 'settings' || page === 'earnings' || page === 'logs' || page === 'bundle' || page === 'charts' || page === 'alerts') return { page };
  return { page: 'fleet' };
}

export function hrefFor(route: Route): string {
  if (route.page === 'usb-stick') return `#/usb/${encodeURIComponent(route.id)}`;
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
