import { migrationLabel } from './format.ts';
import { BackupRefusal } from './refusal.ts';

export interface MigrationRef {
  version: number;
  name: string;
}

/**
 * How a backup's schema meets this build's migrations. The rows fit the schema the backup's
 * migrations made, so a restore applies exactly those, loads the rows, and then applies the newer
 * ones this build ships (which may move data, as a migration does on a live database). That needs
 * the backup's migrations to be the first ones this build ships, in order; a backup from a newer
 * schema, or one whose migrations this build does not know, is refused before anything is written.
 */
export function planRestoreMigrations<M extends MigrationRef>(backup: readonly MigrationRef[], shipped: readonly M[], file: string): { atBackup: M[]; newer: M[] } {
  const latest = shipped.at(-1);
  const shippedUpTo = latest ? migrationLabel(latest) : '0000';
  for (let i = 0; i < backup.length; i++) {
    const b = backup[i]!;
    const s = shipped[i];
    if (s && s.version === b.version && s.name === b.name) continue;
    if (!shipped.some((x) => x.version === b.version || x.name === b.name) && (!latest || b.version > latest.version)) {
      const theirs = backup.slice(i).map(migrationLabel).join(', ');
      throw new BackupRefusal('schema_newer',
        `Säkerhetskopian ${file} kommer från en nyare version av Lägesbild: dess databas har migreringen ${theirs} som den här versionen inte har (den har till och med ${shippedUpTo}). Uppdatera Lägesbild till minst den version som gjorde kopian och återställ sedan. Ingenting har ändrats.`,
        `The backup ${file} comes from a newer version of Lägesbild: its database has migration ${theirs}, which this version does not have (it has up to ${shippedUpTo}). Upgrade Lägesbild to at least the version that made the backup, then restore. Nothing was changed.`,
        { file, migration: migrationLabel(b), shipped: shippedUpTo });
    }
    const here = s ? migrationLabel(s) : 'ingen';
    throw new BackupRefusal('schema_differs',
      `Säkerhetskopians migreringar stämmer inte med den här versionens: som nummer ${i + 1} har kopian ${migrationLabel(b)}, den här versionen ${here}. Återställ med den version av Lägesbild som gjorde kopian. Ingenting har ändrats.`,
      `The backup's migrations do not match this version's: as number ${i + 1} the backup has ${migrationLabel(b)}, this version ${s ? migrationLabel(s) : 'none'}. Restore with the version of Lägesbild that made the backup. Nothing was changed.`,
      { file, migration: migrationLabel(b) });
  }
  return { atBackup: shipped.slice(0, backup.length), newer: shipped.slice(backup.length) };
}
