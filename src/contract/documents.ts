/** The lägesbild edition and the yearly action plan as files, in the HTTP contract. */
import { Type } from '@sinclair/typebox';
import { StringEnum } from './common.ts';

/** The language a document is written in; a link from the web app passes the UI language (a link sends the browser's Accept-Language, not the app's). */
export const DocumentLanguage = StringEnum(['sv', 'en'] as const, { description: 'The language of the document; without it, the language of Accept-Language (Swedish by default)' });
export const EditionDocumentParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
export const EditionDocumentQuery = Type.Object({ format: StringEnum(['pdf', 'html'] as const, { default: 'pdf' }), lang: Type.Optional(DocumentLanguage) }, { additionalProperties: false });
export const ActionPlanDocumentParams = Type.Object({ year: Type.String({ maxLength: 6 }) });
export const ActionPlanDocumentQuery = Type.Object({
  format: StringEnum(['pdf', 'docx'] as const, { default: 'pdf' }), lang: Type.Optional(DocumentLanguage),
  municipality: Type.Optional(Type.String({ pattern: '^[0-9]{4}$', description: 'The municipality, one of the caller\'s (default: the home one).' })),
}, { additionalProperties: false });
/** The rendered file: bytes on the server, the PDF, HTML page or DOCX itself on the wire. */
export const DocumentBytes = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: 'The document' });
