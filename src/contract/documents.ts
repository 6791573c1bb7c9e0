/** The lägesbild edition and the yearly action plan as files, in the HTTP contract. */
import { Type } from '@sinclair/typebox';
import { StringEnum } from './common.ts';

export const EditionDocumentParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
export const EditionDocumentQuery = Type.Object({ format: StringEnum(['pdf', 'html'] as const, { default: 'pdf' }) }, { additionalProperties: false });
export const ActionPlanDocumentParams = Type.Object({ year: Type.String({ maxLength: 6 }) });
export const ActionPlanDocumentQuery = Type.Object({ format: StringEnum(['pdf', 'docx'] as const, { default: 'pdf' }) }, { additionalProperties: false });
/** The rendered file: bytes on the server, the PDF, HTML page or DOCX itself on the wire. */
export const DocumentBytes = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: 'The document' });
