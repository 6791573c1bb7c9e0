/**
 * The error catalogue. Domain code throws DomainError with a code and, for bad input, one issue per
 * failing field; the server turns it into a 4xx body in the caller's language (see i18n/errors.ts).
 */
export const ERROR_STATUS = {
  validation_failed: 422,
  malformed_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  // The first-start set-up link (POST /api/setup): not ours, already used, or the set-up is done.
  setup_token_invalid: 403,
  setup_token_used: 410,
  setup_done: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  // Sign-in hardening (issue 16, items 4 and 6): too many failed attempts for one address; a wrong
  // second-factor code; a session that must enrol a second factor first; turning off a second factor
  // the user's role requires.
  account_locked: 429,
  invalid_code: 401,
  mfa_enrolment_required: 403,
  mfa_mandatory: 409,
  mfa_already_enabled: 409,
  internal: 500,
  unavailable: 503,
  // The link of an invitation or a password reset (issue 16 item 5): unknown, too old, already used;
  // an invitation re-sent to someone who has already chosen a password.
  account_link_invalid: 404,
  account_link_expired: 410,
  account_link_used: 410,
  invitation_accepted: 409,
  // A write whose Origin (or Referer) is not the app's own address: a page of another site (issue 16 item 7).
  origin_refused: 403,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Why one field was rejected. Each has a message in every language of i18n/errors.ts. */
export type FieldIssueCode =
  | 'required'
  | 'unknown_field'
  | 'type'
  | 'format'
  | 'too_long'
  | 'too_short'
  | 'too_many'
  | 'too_few'
  | 'too_small'
  | 'too_large'
  | 'not_allowed_value'
  | 'invalid_json'
  | 'unknown_category'
  | 'inactive_category'
  | 'category_has_children'
  | 'category_other_municipality'
  | 'outside_municipality'
  | 'municipality_not_reached'
  | 'lon_out_of_range'
  | 'lat_out_of_range'
  | 'coordinate_out_of_range'
  | 'unsupported_crs'
  | 'in_future'
  | 'too_old'
  | 'window_reversed'
  | 'window_too_long'
  | 'exclusive_fields'
  | 'invalid_geometry'
  | 'unknown_reference'
  | 'duplicate_of_self'
  | 'duplicate_of_duplicate'
  | 'duplicate_of_required'
  | 'duplicate_of_not_allowed'
  | 'taken'
  | 'invalid_cursor'
  | 'bbox_invalid'
  | 'cycle'
  | 'not_permitted'
  | 'version_mismatch'
  | 'in_use'
  | 'period_reversed'
  | 'period_too_long'
  | 'published_immutable'
  | 'invalid_transition'
  | 'not_evaluable'
  | 'unknown_municipality'
  | 'municipality_not_chosen'
  | 'duplicate_name'
  | 'organisation_not_listed'
  /** A file to import, or one of its rows: the message (in the reader's language) names row, column and value. */
  | 'import_problem'
  /** A NUL character or a lone UTF-16 surrogate: text the database cannot store. */
  | 'invalid_character'
  /** Only white space where text is required. */
  | 'blank'
  /** A date before year {min} or after year {max}. */
  | 'date_out_of_range'
  /** Nested deeper than {max} levels. */
  | 'too_deep'
  /** A report's client id already used by another report (or the same id sent with another body). */
  | 'id_taken'
  /** The current password, typed to change it, is not the user's. */
  | 'wrong_password'
  /** A new password that is among the common and breached passwords (src/services/passwords.ts). */
  | 'common_password'
  /** A second-factor code that is wrong, or already used. */
  | 'wrong_code'
  /** Open311: an api_key this deployment never issued, one revoked, one of another municipality. */
  | 'api_key_invalid'
  | 'api_key_revoked'
  | 'api_key_other_jurisdiction'
  /** Open311: a service code that is no category open to the public in the municipality. */
  | 'service_not_public';

export interface FieldIssue {
  /** Dotted path of the field in the request, e.g. "location.lat", "body", "features[3].geometry". */
  field: string;
  code: FieldIssueCode;
  /** Values for the message template, e.g. { max: 2000 }. */
  params?: Record<string, string | number>;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldIssue[];
  readonly params: Record<string, string | number>;
  constructor(code: ErrorCode, fields: FieldIssue[] = [], params: Record<string, string | number> = {}) {
    super(fields.length ? `${code}: ${fields.map((f) => `${f.field} ${f.code}`).join(', ')}` : code);
    this.name = 'DomainError';
    this.code = code;
    this.fields = fields;
    this.params = params;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Collects field issues while validating, then throws them all at once (the caller fixes all in one go). */
export class IssueCollector {
  readonly issues: FieldIssue[] = [];
  add(field: string, code: FieldIssueCode, params?: Record<string, string | number>): void {
    this.issues.push(params ? { field, code, params } : { field, code });
  }
  has(field: string): boolean {
    return this.issues.some((i) => i.field === field || i.field.startsWith(field + '.'));
  }
  throwIfAny(): void {
    if (this.issues.length) throw new DomainError('validation_failed', this.issues);
  }
}

export const notFound = (what: string) => new DomainError('not_found', [], { what });
export const forbidden = () => new DomainError('forbidden');
export const invalid = (field: string, code: FieldIssueCode, params?: Record<string, string | number>) =>
  new DomainError('validation_failed', [params ? { field, code, params } : { field, code }]);
