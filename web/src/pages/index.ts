import type { ComponentType } from 'preact';
import type { Role } from '../api/types.ts';
import type { MessageKey } from '../i18n/index.ts';

/**
 * The pages of the app. Each lives in its own folder under pages/ and is loaded when first visited,
 * so a reporter's phone never downloads the map or the admin pages.
 */
export interface PageDef {
  path: string;
  title: MessageKey;
  /** Who may open it; empty = every logged-in user. */
  roles: Role[];
  /** Shown in the main menu. */
  inMenu: boolean;
  /**
   * Kept under "Mer" on a wide screen when the user has more entries than fit in one row
   * (MENU_ROW_MAX); on a phone every entry is in the one list behind "Meny".
   */
  more?: boolean;
  load: () => Promise<{ default: ComponentType }>;
}

export const PAGES: PageDef[] = [
  { path: '/rapportera', title: 'nav.report', roles: ['reporter', 'areaGroup', 'coordinator'], inMenu: true, load: () => import('./report/index.tsx') },
  { path: '/mina-rapporter', title: 'nav.myReports', roles: ['reporter', 'areaGroup', 'coordinator'], inMenu: true, more: true, load: () => import('./my-reports/index.tsx') },
  // The reference data (boundaries, areas, categories …) is fetched while the map's code downloads.
  { path: '/karta', title: 'nav.map', roles: [], inMenu: true, load: () => { void import('./map/reference.ts').then((m) => m.loadReference()); return import('./map/index.tsx'); } },
  { path: '/tabell', title: 'nav.table', roles: [], inMenu: true, load: () => import('./table/index.tsx') },
  { path: '/lagesbilder', title: 'nav.situationPictures', roles: ['coordinator', 'areaGroup', 'viewer'], inMenu: true, load: () => import('./situation-pictures/index.tsx') },
  { path: '/moten', title: 'nav.meetings', roles: ['coordinator', 'areaGroup', 'viewer'], inMenu: true, load: () => import('./meetings/index.tsx') },
  { path: '/atgarder', title: 'nav.measures', roles: ['coordinator', 'areaGroup', 'viewer'], inMenu: true, load: () => import('./measures/index.tsx') },
  { path: '/handlingsplan', title: 'nav.actionPlan', roles: ['coordinator', 'areaGroup', 'viewer'], inMenu: true, more: true, load: () => import('./action-plan/index.tsx') },
  { path: '/granska', title: 'nav.review', roles: ['coordinator'], inMenu: true, load: () => import('./review/index.tsx') },
  { path: '/admin', title: 'nav.admin', roles: ['admin', 'coordinator', 'dataProtection'], inMenu: true, more: true, load: () => import('./admin/index.tsx') },
  { path: '/konto/inloggningar', title: 'audit.account.title', roles: [], inMenu: false, load: () => import('./account/logins.tsx') },
  // The user's own page, linked beside their name rather than from the menu.
  { path: '/mitt-konto', title: 'nav.account', roles: [], inMenu: false, load: () => import('./account/index.tsx') },
  // The user's own API tokens (QGIS and other GIS programs), from Mitt konto.
  { path: '/konto/api-nycklar', title: 'account.tokens.title', roles: [], inMenu: false, load: () => import('./account/tokens.tsx') },
  // One's own password, from the account corner of the top bar.
  { path: '/mitt-konto/losenord', title: 'account.change.title', roles: [], inMenu: false, load: () => import('./account/password.tsx') },
  // One's own register extract (issue 16 item 13): every user, under "Mer".
  { path: '/mina-uppgifter', title: 'retention.myDataTitle', roles: [], inMenu: true, more: true, load: () => import('./my-data/index.tsx') },
];

/**
 * The pages of one's account that open without a session: the page an invitation or reset link
 * opens (#/valj-losenord?token=…, src/core/users/account-mail.ts) and the forgotten-password form.
 */
export const ACCOUNT_OPEN_PAGES: PageDef[] = [
  { path: '/valj-losenord', title: 'account.setPassword.titleReset', roles: [], inMenu: false, load: () => import('./account/set-password.tsx') },
  { path: '/glomt-losenord', title: 'account.forgot.title', roles: [], inMenu: false, load: () => import('./account/forgot-password.tsx') },
];

/**
 * The set-up guide of a new installation (#/installera?token=…, the link `serve` prints on its first
 * start): opened without logging in, since nobody can log in before it has run.
 */
export const SETUP_PAGE: PageDef = { path: '/installera', title: 'setup.title', roles: [], inMenu: false, load: () => import('./setup/index.tsx') };

/** At most this many entries stand in the top bar before the ones marked `more` go under "Mer". */
export const MENU_ROW_MAX = 7;

/** The menu of a user's pages: the entries in the bar and those under "Mer" (empty when all fit). */
export function menuGroups(pages: readonly PageDef[]): { bar: PageDef[]; more: PageDef[] } {
  const inMenu = pages.filter((p) => p.inMenu);
  if (inMenu.length <= MENU_ROW_MAX) return { bar: inMenu, more: [] };
  return { bar: inMenu.filter((p) => !p.more), more: inMenu.filter((p) => p.more) };
}

/** Where a user lands: reporters on the form (they are in the field), others on the map. */
export function homePath(roles: Role[]): string {
  return roles.length === 1 && roles[0] === 'reporter' ? '/rapportera' : '/karta';
}
