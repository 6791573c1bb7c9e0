import type { ComponentType } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t, type MessageKey } from '../../i18n/index.ts';
import { route } from '../../router.ts';
import { may } from '../../session.ts';
import type { Action } from '../../../../src/core/access/policy.ts';
import AreasPage from './areas.tsx';
import CategoriesPage from './categories.tsx';
import ImportPage from './import.tsx';
import MapSettingsPage from './map-settings.tsx';
import Open311Page from './open311.tsx';
import OrganisationsPage from './organisations.tsx';
import PlacesPage from './places.tsx';
import PoliceEventsPage from './police-events.tsx';
import SchedulePage from './schedule.tsx';
import SsoPage from './sso.tsx';
import UsersPage from './users.tsx';
import RetentionPage from './retention.tsx';
import AuditLogPage from './audit-log.tsx';
import './admin.css';

interface SubPage { slug: string; title: MessageKey; intro: MessageKey; action: Action; Component: ComponentType }

/** The admin sub-pages, each shown only to a user the server lets change it: the action its service checks. */
export const SUBPAGES: SubPage[] = [
  { slug: 'organisationer', title: 'admin.nav.organisations', intro: 'admin.intro.organisations', action: 'organisations.manage', Component: OrganisationsPage },
  { slug: 'anvandare', title: 'admin.nav.users', intro: 'admin.intro.users', action: 'users.manage', Component: UsersPage },
  { slug: 'kategorier', title: 'admin.nav.categories', intro: 'admin.intro.categories', action: 'configuration.manage', Component: CategoriesPage },
  { slug: 'omraden', title: 'admin.nav.areas', intro: 'admin.intro.areas', action: 'configuration.manage', Component: AreasPage },
  { slug: 'platser', title: 'admin.nav.places', intro: 'admin.intro.places', action: 'configuration.manage', Component: PlacesPage },
  { slug: 'schema', title: 'admin.nav.schedule', intro: 'admin.intro.schedule', action: 'configuration.manage', Component: SchedulePage },
  { slug: 'importera', title: 'import.nav', intro: 'import.cardIntro', action: 'incidents.import', Component: ImportPage },
  { slug: 'karta', title: 'admin.nav.mapSettings', intro: 'admin.intro.mapSettings', action: 'settings.map', Component: MapSettingsPage },
  { slug: 'polishandelser', title: 'policeEvents.nav', intro: 'policeEvents.intro', action: 'policeEvents.import', Component: PoliceEventsPage },
  { slug: 'inloggning', title: 'sso.nav', intro: 'sso.intro', action: 'sso.manage', Component: SsoPage },
  { slug: 'gallring', title: 'retention.nav', intro: 'retention.intro', action: 'retention.manage', Component: RetentionPage },
  { slug: 'granskningslogg', title: 'audit.nav', intro: 'audit.intro', action: 'audit.read', Component: AuditLogPage },
  { slug: 'open311', title: 'open311.nav', intro: 'open311.intro', action: 'open311.manage', Component: Open311Page },
];

/** /admin and /admin/<sub-page>: a menu of what the user may manage, then the chosen page. */
export default function AdminPage() {
  const slug = route.value.path.replace(/^\/admin\/?/, '').split('/')[0];
  const allowed = SUBPAGES.filter((p) => may(p.action));
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
