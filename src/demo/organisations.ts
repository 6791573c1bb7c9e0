import type { Role } from '../core/access/roles.ts';
import type { OrganisationKind } from '../core/organisations/types.ts';

/**
 * The organisations the Alingsås guideline names (kommunledningskontoret and the departments, the
 * companies, the rescue-services association, the police, the hospital, primary care and the
 * security company). `demoKey` links an organisation to the generator's reporting organisations.
 */
export interface DemoOrganisation {
  name: string;
  shortName: string;
  kind: OrganisationKind;
  /** The generator's reporting organisation it stands for. */
  demoKey?: string;
  /** Further municipalities it works in besides its home. */
  alsoIn?: readonly string[];
}

export const ALINGSAS_ORGANISATIONS: ReadonlyArray<DemoOrganisation> = [
  { name: 'Kommunledningskontoret', shortName: 'KLK', kind: 'forvaltning' },
  { name: 'Samhällsbyggnadsförvaltningen', shortName: 'SBF', kind: 'forvaltning', demoKey: 'samhallsbyggnad' },
  { name: 'Barn- och ungdomsförvaltningen', shortName: 'BUF', kind: 'forvaltning', demoKey: 'skola' },
  { name: 'Socialförvaltningen', shortName: 'SOC', kind: 'forvaltning', demoKey: 'socialtjanst' },
  { name: 'Vård- och omsorgsförvaltningen', shortName: 'VOF', kind: 'forvaltning' },
  { name: 'Kultur- och fritidsförvaltningen', shortName: 'KoF', kind: 'forvaltning' },
  { name: 'AB Alingsåshem', shortName: 'Alingsåshem', kind: 'kommunalt_bolag', demoKey: 'alingsashem' },
  { name: 'Alingsås Energi', shortName: 'Energi', kind: 'kommunalt_bolag', demoKey: 'energi' },
  // The rescue-services association and the police area serve Vårgårda too.
  { name: 'Södra Älvsborgs Räddningstjänstförbund', shortName: 'SÄRF', kind: 'forbund', demoKey: 'raddningstjanst', alsoIn: ['1442'] },
  { name: 'Polisen lokalpolisområde Alingsås', shortName: 'Polisen', kind: 'polis', demoKey: 'polisen', alsoIn: ['1442'] },
  { name: 'Alingsås lasarett', shortName: 'Lasarettet', kind: 'region_vard' },
  { name: 'Närhälsan', shortName: 'Närhälsan', kind: 'region_vard' },
  { name: 'Bevakningsföretaget (kommunens väktarbolag)', shortName: 'Väktarna', kind: 'bevakningsforetag', demoKey: 'bevakning' },
];

/**
 * Vårgårda's own organisations (the police area and SÄRF come from Alingsås). Its departments are
 * sektorer; it has no energy company of its own in the demo.
 */
export const VARGARDA_ORGANISATIONS: ReadonlyArray<DemoOrganisation> = [
  { name: 'Kommunledningsförvaltningen', shortName: 'KLF', kind: 'forvaltning' },
  { name: 'Sektor samhällsbyggnad', shortName: 'Samhällsbyggnad', kind: 'forvaltning', demoKey: 'samhallsbyggnad' },
  { name: 'Sektor lärande', shortName: 'Lärande', kind: 'forvaltning', demoKey: 'skola' },
  { name: 'Sektor omsorg', shortName: 'Omsorg', kind: 'forvaltning', demoKey: 'socialtjanst' },
  { name: 'Vårgårda Bostäder AB', shortName: 'Vårgårdabostäder', kind: 'kommunalt_bolag', demoKey: 'alingsashem' },
  { name: 'Bevakningsföretaget (Vårgårda)', shortName: 'Väktarna Vårgårda', kind: 'bevakningsforetag', demoKey: 'bevakning' },
];

/** One demo user per role. The password is the same for all and printed by seed-demo. */
export const DEMO_PASSWORD = 'lagesbild-demo';
export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; organisation: string; roles: Role[]; municipality?: string }> = [
  { email: 'samordnare@demo.lagesbild.se', name: 'Sara Samordnare', organisation: 'Kommunledningskontoret', roles: ['coordinator'] },
  { email: 'rapportor@demo.lagesbild.se', name: 'Rasmus Rapportör', organisation: 'AB Alingsåshem', roles: ['reporter'] },
  { email: 'omradesgrupp@demo.lagesbild.se', name: 'Olle Områdesgrupp', organisation: 'Samhällsbyggnadsförvaltningen', roles: ['areaGroup'] },
  { email: 'lasare@demo.lagesbild.se', name: 'Lena Läsare', organisation: 'Kommunledningskontoret', roles: ['viewer'] },
  { email: 'admin@demo.lagesbild.se', name: 'Adam Administratör', organisation: 'Kommunledningskontoret', roles: ['admin'] },
  { email: 'polis@demo.lagesbild.se', name: 'Petra Polis', organisation: 'Polisen lokalpolisområde Alingsås', roles: ['reporter'] },
  // The police area's chief reads both municipalities: the switcher and "alla mina kommuner".
  { email: 'polisomrade@demo.lagesbild.se', name: 'Per Polisområdeschef', organisation: 'Polisen lokalpolisområde Alingsås', roles: ['areaGroup'] },
  { email: 'samordnare.vargarda@demo.lagesbild.se', name: 'Vera Samordnare', organisation: 'Kommunledningsförvaltningen', roles: ['coordinator'], municipality: '1442' },
  { email: 'rapportor.vargarda@demo.lagesbild.se', name: 'Viktor Rapportör', organisation: 'Vårgårda Bostäder AB', roles: ['reporter'], municipality: '1442' },
];
