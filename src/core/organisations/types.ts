/** The organisations that report and act: förvaltningar, bolag, polis and the rest. */

export const ORGANISATION_KINDS = ['forvaltning', 'kommunalt_bolag', 'forbund', 'polis', 'region_vard',
  'bevakningsforetag', 'civilsamhalle', 'ovrig'] as const;

export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface Organisation {
  id: string;
  /** Its home: the municipality that administers it. */
  municipalityId: string;
  /** Every municipality it works in, the home first (the police area: Alingsås and Vårgårda). */
  municipalities: string[];
  name: string;
  shortName: string | null;
  kind: OrganisationKind;
  active: boolean;
}
