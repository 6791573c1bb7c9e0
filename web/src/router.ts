import { signal } from '@preact/signals';

/**
 * Hash routes (#/karta?from=…): work from any static host and from the service worker's cached
 * shell without server rewrites. `route.value` is { path, params }.
 */
export interface Route { path: string; params: URLSearchParams }

function parse(): Route {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, qs] = raw.split('?');
  return { path: path || '/', params: new URLSearchParams(qs ?? '') };
}

export const route = signal<Route>(parse());
window.addEventListener('hashchange', () => (route.value = parse()));

export function navigate(path: string, params?: Record<string, string | undefined>): void {
  const q = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== '') as [string, string][]).toString() : '';
  location.hash = `#${path}${q ? `?${q}` : ''}`;
}

/** Replaces the query of the current route without adding a history entry (filters, map view). */
export function replaceParams(params: Record<string, string | undefined>): void {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== '') as [string, string][]).toString();
  history.replaceState(null, '', `#${route.value.path}${q ? `?${q}` : ''}`);
  route.value = { path: route.value.path, params: new URLSearchParams(q) };
}
