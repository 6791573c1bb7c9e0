import { Type } from '@sinclair/typebox';
import { StringEnum } from './common.ts';
import { PERSONAL_DATA_KINDS } from '../core/privacy/scrub.ts';

/**
 * In the answer to a write of free text (places, meetings, decisions, measures, lägesbild editions;
 * incidents have their own): the kinds of personal data the server removed before storing it, also
 * sent as the header X-Personal-Data-Removed when there were any (src/core/privacy/scrub.ts).
 */
export const PersonalDataRemoved = Type.Optional(Type.Array(StringEnum(PERSONAL_DATA_KINDS), {
  description: 'Kinds of personal data (personnummer, samordningsnummer, phone, email, licencePlate) the server replaced by a placeholder in the texts of this write; empty when none. Only in the answer to a write.',
}));
