/**
 * Why a backup or a restore was refused. The message says, in Swedish and then in English on the
 * next line, what is wrong and what to do; `code` and `params` let a test or another front end tell
 * the cases apart. Nothing has been written when one is thrown: a backup leaves no file, a restore
 * leaves the target as it was.
 */
export type BackupRefusalCode =
  // backup
  | 'output_exists' | 'output_dir_missing' | 'output_is_directory' | 'no_database' | 'no_schema'
  // reading a backup file
  | 'file_missing' | 'file_unreadable' | 'not_backup' | 'format_newer' | 'corrupt' | 'truncated'
  // restoring
  | 'schema_newer' | 'schema_differs' | 'schema_mismatch' | 'target_not_empty' | 'target_foreign' | 'target_not_data_dir' | 'not_owner';

export class BackupRefusal extends Error {
  constructor(readonly code: BackupRefusalCode, readonly sv: string, readonly en: string, readonly params: Record<string, string | number> = {}) {
    super(`${sv}\n${en}`);
    this.name = 'BackupRefusal';
  }
}
