import type { Role } from '../../src/core/access/roles.ts';
import type { Database } from '../../src/db/engine.ts';
import { insertOrganisation } from '../../src/db/repositories/organisations.ts';
import { insertUser, setUserGrants } from '../../src/db/repositories/users.ts';
import { hashPassword } from '../../src/services/passwords.ts';
import { setUpMunicipality } from '../../src/setup/municipality.ts';
import { municipalityBoundary } from '../../src/setup/boundaries.ts';

/**
 * The world every integration test starts from (built once into the template databases by
 * test/support/prepare.ts): Alingsås and Vårgårda with their real SCB boundaries and the default
 * categories, a few organisations, and one user per role.
 */
export const FX = {
  alingsas: '1489',
  vargarda: '1442',
  password: 'test-password-123',
  orgs: {
    kommun: '00000000-0000-4000-8000-000000000001',
    alingsashem: '00000000-0000-4000-8000-000000000002',
    polisen: '00000000-0000-4000-8000-000000000003',
    bevakning: '00000000-0000-4000-8000-000000000004',
    vargardaKommun: '00000000-0000-4000-8000-000000000005',
  },
  users: {
    reporter: { id: '00000000-0000-4000-9000-000000000001', email: 'rapportor@alingsashem.test', org: 'alingsashem', roles: ['reporter'] },
    reporter2: { id: '00000000-0000-4000-9000-000000000002', email: 'rapportor2@alingsashem.test', org: 'alingsashem', roles: ['reporter'] },
    guard: { id: '00000000-0000-4000-9000-000000000003', email: 'vakt@bevakning.test', org: 'bevakning', roles: ['reporter'] },
    police: { id: '00000000-0000-4000-9000-000000000004', email: 'polis@polisen.test', org: 'polisen', roles: ['reporter'], grants: ['1442'] },
    coordinator: { id: '00000000-0000-4000-9000-000000000005', email: 'samordnare@alingsas.test', org: 'kommun', roles: ['coordinator'] },
    areaGroup: { id: '00000000-0000-4000-9000-000000000006', email: 'omradesgrupp@alingsas.test', org: 'kommun', roles: ['areaGroup'] },
    viewer: { id: '00000000-0000-4000-9000-000000000007', email: 'lasare@alingsas.test', org: 'kommun', roles: ['viewer'] },
    admin: { id: '00000000-0000-4000-9000-000000000008', email: 'admin@alingsas.test', org: 'kommun', roles: ['admin'] },
    vargardaCoordinator: { id: '00000000-0000-4000-9000-000000000009', email: 'samordnare@vargarda.test', org: 'vargardaKommun', roles: ['coordinator'] },
    dataProtection: { id: '00000000-0000-4000-9000-0000000000d9', email: 'dataskyddsombud@alingsas.test', org: 'kommun', roles: ['dataProtection'] },
  },
} as const;

export type FixtureUser = keyof typeof FX.users;

/** Points well inside each municipality (WGS84). */
export const POINTS = {
  alingsasCentrum: { lon: 12.5325, lat: 57.9300 },
  alingsasNolby: { lon: 12.5150, lat: 57.9420 },
  vargardaCentrum: { lon: 12.8085, lat: 58.0330 },
  goteborg: { lon: 11.9746, lat: 57.7089 },
} as const;

export async function seedFixtures(db: Database): Promise<void> {
  await setUpMunicipality(db, municipalityBoundary(FX.alingsas));
  await setUpMunicipality(db, municipalityBoundary(FX.vargarda));
  const orgs: Array<[keyof typeof FX.orgs, string, string, any]> = [
    ['kommun', FX.alingsas, 'Kommunledningskontoret', 'forvaltning'],
    ['alingsashem', FX.alingsas, 'Alingsåshem', 'kommunalt_bolag'],
    ['polisen', FX.alingsas, 'Polisen lokalpolisområde Alingsås', 'polis'],
    ['bevakning', FX.alingsas, 'Bevakningsföretaget', 'bevakningsforetag'],
    ['vargardaKommun', FX.vargarda, 'Vårgårda kommun', 'forvaltning'],
  ];
  for (const [key, municipalityId, name, kind] of orgs) {
    await insertOrganisation(db, { id: FX.orgs[key], municipalityId, name, shortName: null, kind });
  }
  const passwordHash = await hashPassword(FX.password);
  for (const [key, u] of Object.entries(FX.users)) {
    const orgKey = u.org as keyof typeof FX.orgs;
    const municipalityId = orgKey === 'vargardaKommun' ? FX.vargarda : FX.alingsas;
    await insertUser(db, { id: u.id, municipalityId, organisationId: FX.orgs[orgKey], email: u.email, name: key, roles: [...u.roles] as Role[], passwordHash });
    if ('grants' in u) await setUserGrants(db, u.id, [...u.grants]);
  }
}
