import type { ComponentType } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Role } from '../../api/types.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { route } from '../../router.ts';
import { hasRole } from '../../session.ts';
import AreasPage from './areas.tsx';
import CategoriesPage from './categories.tsx';
import MapSettingsPage from './map-settings.tsx';
import OrganisationsPage from './organisations.tsx';
import PlacesPage from './places.tsx';
import SchedulePage from './schedule.tsx';
import UsersPage from './users.tsx';
import './admin.css';

interface SubPage { slug: string; title: MessageKey; intro: MessageKey; roles: Role[]; Component: ComponentType }

/** The admin sub-pages, each shown only to the roles the server lets change it. */
export const SUBPAGES: SubPage[] = [
  { slug: 'organisationer', title: 'admin.nav.organisations', intro: 'admin.intro.organisations', roles: ['admin'], Component: OrganisationsPage },
  { slug: 'anvandare', title: 'admin.nav.users', intro: 'admin.intro.users', roles: ['admin', 'coordinator'], Component: UsersPage },
  { slug: 'kategorier', title: 'admin.nav.categories', intro: 'admin.intro.categories', roles: ['admin', 'coordinator'], Component: CategoriesPage },
  { slug: 'omraden', title: 'admin.nav.areas', intro: 'admin.intro.areas', roles: ['admin', 'coordinator'], Component: AreasPage },
  { slug: 'platser', title: 'admin.nav.places', intro: 'admin.intro.places', roles: ['admin', 'coordinator'], Component: PlacesPage },
  { slug: 'schema', title: 'admin.nav.schedule', intro: 'admin.intro.schedule', roles: ['admin', 'coordinator'], Component: SchedulePage },
  { slug: 'karta', title: 'admin.nav.mapSettings', intro: 'admin.intro.mapSettings', roles: ['admin'], Component: MapSettingsPage },
];

/** /admin and /admin/<sub-page>: a menu of what the user may manage, then the chosen page. */
export default function AdminPage() {
  const slug = route.value.path.replace(/^\/admin\/?/, '').split('/')[0];
  const allowed = SUBPAGES.filter((p) => hasRole(...p.roles));
  const current = allowed.find((p) => p.slug === slug);
  const exists = SUBPAGES.some((p) => p.slug === slug);
  const contentRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.title = `${current ? `${t(current.title)} – ` : ''}${t('nav.admin')} – ${t('app.name')}`;
    // Moving between sub-pages: put focus on the new page's heading, as a page load would.
    if (current) contentRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [slug]);

  return (
    <div class="admin">
      <h1>{t('nav.admin')}</h1>
      <nav aria-label={t('admin.nav.label')} class="admin-nav">
        <ul>
          {allowed.map((p) => (
            <li key={p.slug}><a href={`#/admin/${p.slug}`} aria-current={p.slug === slug ? 'page' : undefined}>{t(p.title)}</a></li>
          ))}
        </ul>
      </nav>
      <div ref={contentRef} class="admin-content">
        {current ? <current.Component key={current.slug} />
          : slug && exists ? <p role="alert">{t('app.forbidden')}</p>
          : slug ? <p role="alert">{t('app.notFound')}</p>
          : (
            <ul class="admin-cards">
              {allowed.map((p) => (
                <li key={p.slug} class="card"><a href={`#/admin/${p.slug}`}>{t(p.title)}</a><p class="muted">{t(p.intro)}</p></li>
              ))}
            </ul>
          )}
      </div>
    </div>
  );
}
