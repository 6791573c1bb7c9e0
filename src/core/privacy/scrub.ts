// The server's safety net for every free text that is stored (issue 16 item 12): incidents' place
// names and descriptions, places, meetings (title, agenda, minutes), decisions, measures and the
// lägesbild's narrative. The forms warn while the user types (the same findPersonalData); what is
// still there when the text arrives is replaced by its placeholder, and the answer names the kinds
// removed (`personalDataRemoved`), so the form can say what happened.

import { redactPersonalData, type PersonalDataKind } from './personal-data.ts';

/** Every kind the detector knows, in the order the answers list them. */
export const PERSONAL_DATA_KINDS: readonly PersonalDataKind[] = ['personnummer', 'samordningsnummer', 'phone', 'email', 'licencePlate'];

/** A record as a write stored it, with the kinds of personal data removed from its texts. */
export type Scrubbed<T> = T & { personalDataRemoved: PersonalDataKind[] };

/** Collects what was removed from the texts of one write. */
export class PersonalDataScrubber {
  private readonly found = new Set<PersonalDataKind>();

  /**
   * The text with its personal data replaced; null and undefined pass through. A placeholder may be
   * longer than what it replaces: with `max`, the result is cut to the field's limit, which the
   * text as sent was within.
   */
  text<T extends string | null | undefined>(value: T, max?: number): T {
    if (typeof value !== 'string' || value === '') return value;
    const r = redactPersonalData(value);
    for (const f of r.findings) this.found.add(f.kind);
    return (max !== undefined && r.text.length > max ? r.text.slice(0, max) : r.text) as T;
  }

  /** The kinds removed so far, in PERSONAL_DATA_KINDS order. */
  get removed(): PersonalDataKind[] {
    return PERSONAL_DATA_KINDS.filter((k) => this.found.has(k));
  }
}
