/**
 * Why setting up a municipality or an organisation was refused. The message (English, as the
 * command line speaks) names what is wrong and what to do; `code` and `params` let another front
 * end say the same in its own words. Nothing has been changed when one is thrown.
 */
export type SetupRefusalCode =
  | 'unknown_municipality' | 'municipality_exists' | 'municipality_not_in_deployment'
  | 'not_json' | 'not_polygon' | 'bad_coordinates' | 'unsupported_crs' | 'crs_conflict' | 'crs_mismatch' | 'crs_undetermined'
  | 'invalid_geometry' | 'no_overlap'
  | 'unknown_kind' | 'organisation_exists' | 'bad_name';

export class SetupRefusal extends Error {
  constructor(readonly code: SetupRefusalCode, message: string, readonly params: Record<string, string | number> = {}) {
    super(message);
    this.name = 'SetupRefusal';
  }
}
