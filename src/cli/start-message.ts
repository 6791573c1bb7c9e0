import { ROLE_NAMES, type Role } from '../core/access/roles.ts';

const roleName = (r: Role) => ROLE_NAMES[r].sv.toLocaleLowerCase('sv');

/** A demo user as the seed reports it. */
export interface DemoLogin { email: string; roles: readonly Role[]; password: string }

/**
 * The one line a person reads when the server has started (issue 12, item 15): where it runs and,
 * on the demo, whom to log in as. The server's own log is JSON for the operations team; this line is
 * for whoever typed `npm start`.
 */
export function startMessage(address: string, demo: readonly DemoLogin[] = []): string {
  const docs = `API-dokumentation: ${address}/docs`;
  const coordinator = demo.find((u) => u.roles.includes('coordinator')) ?? demo[0];
  if (!coordinator) return `Lägesbild kör på ${address} (${docs})`;
  return `Lägesbild kör på ${address}; demo-användare: ${coordinator.email} (${coordinator.roles.map(roleName).join(', ')}), lösenord ${coordinator.password}; fler användare ovan (${docs})`;
}

/** The demo users, one line each, with the role names the interface uses. */
export function credentialLines(demo: readonly DemoLogin[]): string[] {
  const width = Math.max(0, ...demo.map((u) => u.email.length)) + 2;
  return [
    'Demoanvändare (samma lösenord för alla):',
    ...demo.map((u) => `  ${u.email.padEnd(width)} ${u.roles.map(roleName).join(', ').padEnd(14)} lösenord: ${u.password}`),
  ];
}

/**
 * Where the set-up guide of a new installation opens: the app's address as users reach it
 * (PUBLIC_URL, when set) or else the address the server listens on, with the one-time token.
 */
export function setupLink(publicUrl: string | undefined, address: string, token: string): string {
  const base = (publicUrl?.trim() || address).replace(/\/+$/, '');
  return `${base}/#/installera?token=${encodeURIComponent(token)}`;
}

/** The line `serve` prints on a database without a municipality: how to set it up in the browser. */
export function setupMessage(link: string): string {
  return `Första start: öppna ${link} för att sätta upp Lägesbild (länken gäller tills den har använts)`;
}
