/**
 * Loading a lazy part of the app (a page's chunk and its CSS) so that a failure can be tried again.
 *
 * Vite adds a lazy chunk's CSS as a <link> before importing the chunk; when that CSS cannot be
 * fetched (offline, before the service worker had stored it) the import fails with "Unable to
 * preload CSS for …", and Vite never tries that stylesheet again in the page's life: the failed
 * <link> stays and the file counts as loaded. So the stylesheets that failed are noted here, and a
 * new attempt puts them in afresh (and waits for them) before it imports the chunk again.
 */

const failedStyles = new Set<string>();

if (typeof window !== 'undefined') {
  window.addEventListener('vite:preloadError', (e) => {
    const payload = (e as Event & { payload?: unknown }).payload;
    const m = /Unable to preload CSS for (\S+)/.exec(payload instanceof Error ? payload.message : String(payload));
    if (m) failedStyles.add(m[1]);
  });
}

function loadStyle(href: string): Promise<void> {
  return new Promise((resolve, reject) => {
    for (const old of document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')) if (old.href === href) old.remove();
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.crossOrigin = '';
    link.href = href;
    link.addEventListener('load', () => { failedStyles.delete(href); resolve(); });
    link.addEventListener('error', () => { link.remove(); reject(new Error(`stylesheet ${href} did not load`)); });
    document.head.appendChild(link);
  });
}

/** Imports a lazy chunk, first bringing back any stylesheet an earlier attempt could not load. */
export async function loadChunk<T>(load: () => Promise<T>): Promise<T> {
  await Promise.all([...failedStyles].map(loadStyle));
  return load();
}
