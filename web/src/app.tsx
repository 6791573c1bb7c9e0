import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { api, ApiError } from './api/client.ts';
import type { Me } from './api/types.ts';
import { lang, setLang, t } from './i18n/index.ts';
import { ACCOUNT_OPEN_PAGES, homePath, menuGroups, PAGES, SETUP_PAGE, type PageDef } from './pages/index.ts';
import { LoginPage } from './pages/login.tsx';
import { MfaEnrolmentGate } from './pages/account/enforced.tsx';
import { navigate, route } from './router.ts';
import { session } from './session.ts';
import { online } from './ui/online.ts';
import { loadChunk } from './offline/chunks.ts';
import { OutboxIndicator } from './offline/OutboxIndicator.tsx';
import { MunicipalitySwitcher } from './ui/municipality-switcher.tsx';
import { startOutbox } from './offline/queue.ts';

function allowed(p: PageDef): boolean {
  const roles = session.value?.user.roles ?? [];
  return p.roles.length === 0 || p.roles.some((r) => roles.includes(r));
}

/**
 * "Mer": the entries that do not fit in the top bar on a wide screen, as a disclosure (a button with
 * aria-expanded and a list of links). Escape closes it and returns focus to the button; so do a click
 * outside it, focus leaving it and following a link. On a phone its links are simply part of the menu.
 */
function MoreMenu({ pages, onNavigate }: { pages: PageDef[]; onNavigate: () => void }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLLIElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => { if (!root.current?.contains(e.target as Node)) setOpen(false); };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);
  const current = pages.some((p) => route.value.path.startsWith(p.path));
  return (
    <li class={`nav-more${open ? ' open' : ''}`} ref={root}
      onKeyDown={(e) => { if (e.key === 'Escape' && open) { e.stopPropagation(); setOpen(false); button.current?.focus(); } }}
      onFocusOut={(e) => { if (open && !root.current?.contains(e.relatedTarget as Node | null)) setOpen(false); }}>
      <button type="button" ref={button} class={current ? 'current' : undefined} aria-expanded={open} aria-controls="main-nav-more" onClick={() => setOpen(!open)}>
        {t('app.more')}<span class="nav-more-chevron" aria-hidden="true" />
      </button>
      <ul id="main-nav-more">
        {pages.map((p) => (
          <li key={p.path}>
            <a href={`#${p.path}`} aria-current={route.value.path.startsWith(p.path) ? 'page' : undefined} onClick={() => { setOpen(false); onNavigate(); }}>{t(p.title)}</a>
          </li>
        ))}
      </ul>
    </li>
  );
}

function Nav() {
  const me = session.value!;
  const [open, setOpen] = useState(false);
  async function logout() {
    await api.post('/api/auth/logout').catch(() => undefined);
    session.value = null;
  }
  const { bar, more } = menuGroups(PAGES.filter(allowed));
  return (
    <header class="topbar">
      <a class="brand" href={`#${homePath(me.user.roles)}`}>{t('app.name')}</a>
      <button class="menu-toggle" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen(!open)}>{t('app.menu')}</button>
      <nav id="main-nav" aria-label={t('app.nav')} class={open ? 'open' : ''}>
        <ul>
          {bar.map((p) => (
            <li key={p.path}>
              <a href={`#${p.path}`} aria-current={route.value.path.startsWith(p.path) ? 'page' : undefined} onClick={() => setOpen(false)}>{t(p.title)}</a>
            </li>
          ))}
          {more.length > 0 && <MoreMenu pages={more} onNavigate={() => setOpen(false)} />}
          <li class="nav-account">
            <a href="#/mitt-konto" aria-current={route.value.path === '/mitt-konto' ? 'page' : undefined} onClick={() => setOpen(false)}>{t('nav.account')}</a>
          </li>
        </ul>
      </nav>
      <MunicipalitySwitcher />
      <div class="account">
        {/* On a wide screen the name leads to Mitt konto; on a phone the menu has it (styles.css). */}
        <a class="who" href="#/mitt-konto" title={t('app.loggedInAs', { name: me.user.name, organisation: me.user.organisationName })}
          aria-current={route.value.path === '/mitt-konto' ? 'page' : undefined}>
          {me.user.name}<span class="visually-hidden"> ({t('nav.account')})</span>
        </a>
        <label class="visually-hidden" for="lang-select">{t('app.language')}</label>
        <select id="lang-select" value={lang.value} onChange={(e) => setLang((e.target as HTMLSelectElement).value as 'sv' | 'en')}>
          <option value="sv">Svenska</option>
          <option value="en">English</option>
        </select>
        <button onClick={logout}>{t('app.logout')}</button>
      </div>
    </header>
  );
}

/**
 * A page's lazy chunk. When it cannot be loaded (offline before the service worker had stored it,
 * or a new version replaced the files), a plain message and a retry instead of the browser's error;
 * it tries again by itself when the connection returns. A retry that fails while online reloads the
 * app (the files of the running version may be gone).
 */
function PageHost({ page }: { page: PageDef }) {
  const [Component, setComponent] = useState<ComponentType | null>(null);
  const [failures, setFailures] = useState(0);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setComponent(null);
    loadChunk(page.load).then((m) => { if (live) { setComponent(() => m.default); setFailures(0); } }).catch(() => live && setFailures((n) => n + 1));
    document.title = `${t(page.title)} – ${t('app.name')}`;
    return () => { live = false; };
  }, [page, attempt]);
  useEffect(() => setFailures(0), [page]);
  useEffect(() => { if (online.value && failures > 0) setAttempt((a) => a + 1); }, [online.value]);
  if (failures > 0 && !Component) {
    const reload = online.value && failures > 1;
    return (
      <div role="alert" class="page-load-failed">
        <p>{online.value ? t('app.pageFailed.online') : t('app.pageFailed.offline')}</p>
        <button type="button" onClick={() => (reload ? location.reload() : setAttempt((a) => a + 1))}>{reload ? t('app.pageFailed.reload') : t('app.retry')}</button>
      </div>
    );
  }
  return Component ? <Component /> : <p aria-busy="true">{t('app.loading')}</p>;
}

export function App() {
  useEffect(() => {
    document.documentElement.lang = lang.value;
    api.get<Me>('/api/me').then((me) => (session.value = me)).catch((e) => {
      // Offline with a cached shell: keep the last known session so queued reports can still be made.
      if (!(e instanceof ApiError)) {
        const cached = localStorage.getItem('lagesbild.me');
        session.value = cached ? (JSON.parse(cached) as Me) : null;
      } else session.value = null;
    });
  }, []);
  useEffect(() => {
    if (session.value) localStorage.setItem('lagesbild.me', JSON.stringify(session.value));
    else if (session.value === null) localStorage.removeItem('lagesbild.me');
    // Reports waiting on the device are sent from whatever page is open.
    if (session.value) startOutbox();
  }, [session.value]);

  // The first start's set-up guide needs no session (there is nobody to log in yet).
  if (route.value.path === SETUP_PAGE.path) return <main id="main" tabIndex={-1}><PageHost page={SETUP_PAGE} /></main>;
  // Choosing a password from an e-mailed link and asking for one: the pages bring their own <main>.
  const open = ACCOUNT_OPEN_PAGES.find((p) => p.path === route.value.path);
  if (open) return <PageHost page={open} />;
  if (session.value === undefined) return <p aria-busy="true" class="splash">{t('app.loading')}</p>;
  if (session.value === null) return <LoginPage />;
  // A role that requires two-step verification, and none yet: the enrolment before anything else.
  if (session.value.mfaEnrolmentRequired) return <MfaEnrolmentGate />;

  const path = route.value.path;
  if (path === '/' || path === '') {
    navigate(homePath(session.value.user.roles));
    return null;
  }
  // The page itself, else the one it is a part of: /mitt-konto/losenord is not /mitt-konto.
  const page = PAGES.find((p) => path === p.path) ?? PAGES.find((p) => path.startsWith(p.path + '/'));
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>{t('app.skipToContent')}</a>
      <Nav />
      {!online.value && <p class="offline-banner" role="status">{t('app.offline')}</p>}
      <OutboxIndicator />
      <main id="main" tabIndex={-1}>
        {!page ? <p>{t('app.notFound')}</p> : !allowed(page) ? <p role="alert">{t('app.forbidden')}</p> : <PageHost page={page} />}
      </main>
    </>
  );
}
