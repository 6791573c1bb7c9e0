import app from './sections/app.ts';
import common from './sections/common.ts';
import login from './sections/login.ts';
import nav from './sections/nav.ts';
import report from './sections/report.ts';
import myReports from './sections/myReports.ts';
import map from './sections/map.ts';
import table from './sections/table.ts';
import reviewQueue from './sections/reviewQueue.ts';
import admin from './sections/admin.ts';
import situationPictures from './sections/situationPictures.ts';
import meetings from './sections/meetings.ts';
import measures from './sections/measures.ts';
import actionPlan from './sections/actionPlan.ts';
import setup from './sections/setup.ts';
import importSection from './sections/import.ts';
import policeEvents from './sections/policeEvents.ts';
import account from './sections/account.ts';

/** The whole catalogue, one section per page or concern (each section file owned by its page). */
const SECTIONS = { app, common, login, nav, report, myReports, map, table, reviewQueue, admin, situationPictures, meetings, measures, actionPlan, setup, import: importSection, policeEvents, account };

type Sections = typeof SECTIONS;
export type Catalogue = { [K in keyof Sections]: Sections[K]['sv'] };

function pick(lang: 'sv' | 'en'): Catalogue {
  return Object.fromEntries(Object.entries(SECTIONS).map(([k, s]) => [k, s[lang]])) as Catalogue;
}

export const sv: Catalogue = pick('sv');
export const en: Catalogue = pick('en') as Catalogue;
