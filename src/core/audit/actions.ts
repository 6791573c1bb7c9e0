/**
 * The audit log's actions in words (issue 16, item 10): what the audit view and its CSV show beside
 * the stored identifier. An action missing here (a new one another part of the app writes) is shown
 * by its identifier, never hidden. Pure.
 */
type Label = { sv: string; en: string };

export const AUDIT_ACTIONS: Readonly<Record<string, Label>> = {
  // Reads (item 8): one entry per request, with the filter and the number returned.
  'incidents.read': { sv: 'Läste händelselistan', en: 'Read the list of incidents' },
  'incidents.points': { sv: 'Visade händelser på kartan', en: 'Showed incidents on the map' },
  'incidents.duplicates': { sv: 'Sökte möjliga dubbletter', en: 'Looked for possible duplicates' },
  'incident.read': { sv: 'Läste en händelse', en: 'Read an incident' },
  'incident.history.read': { sv: 'Läste en händelses historik', en: 'Read an incident\'s history' },
  'photos.list': { sv: 'Listade en händelses foton', en: 'Listed an incident\'s photos' },
  'photo.read': { sv: 'Visade ett foto', en: 'Viewed a photo' },
  'meeting.read': { sv: 'Läste ett möte', en: 'Read a meeting' },
  'meetings.minutes.read': { sv: 'Läste ett mötesprotokoll', en: 'Read meeting minutes' },
  'users.read': { sv: 'Läste användarlistan', en: 'Read the list of users' },
  'user.read': { sv: 'Läste en användare', en: 'Read a user' },
  'audit.read': { sv: 'Läste granskningsloggen', en: 'Read the audit log' },
  // Exports.
  'incidents.export': { sv: 'Exporterade händelser', en: 'Exported incidents' },
  'document.export': { sv: 'Exporterade ett dokument', en: 'Exported a document' },
  'audit.export': { sv: 'Exporterade granskningsloggen', en: 'Exported the audit log' },
  // Logging in.
  'login': { sv: 'Loggade in', en: 'Logged in' },
  'login.failed': { sv: 'Misslyckad inloggning', en: 'Failed login' },
  // Changes.
  'incidents.import': { sv: 'Importerade händelser', en: 'Imported incidents' },
  'incidents.import.undo': { sv: 'Ångrade en import', en: 'Undid an import' },
  'policeEvents.import': { sv: 'Läste in polisens händelser', en: 'Imported police events' },
  'user.create': { sv: 'Skapade en användare', en: 'Created a user' },
  'user.update': { sv: 'Ändrade en användare', en: 'Changed a user' },
  'organisation.create': { sv: 'Skapade en organisation', en: 'Created an organisation' },
  'organisation.update': { sv: 'Ändrade en organisation', en: 'Changed an organisation' },
  'organisation.delete': { sv: 'Tog bort en organisation', en: 'Removed an organisation' },
  'category.create': { sv: 'Skapade en kategori', en: 'Created a category' },
  'category.update': { sv: 'Ändrade en kategori', en: 'Changed a category' },
  'category.delete': { sv: 'Tog bort en kategori', en: 'Removed a category' },
  'area.upload': { sv: 'Laddade upp områden', en: 'Uploaded areas' },
  'area.update': { sv: 'Ändrade ett område', en: 'Changed an area' },
  'area.delete': { sv: 'Tog bort ett område', en: 'Removed an area' },
  'place.create': { sv: 'Skapade en plats', en: 'Created a place' },
  'place.update': { sv: 'Ändrade en plats', en: 'Changed a place' },
  'place.delete': { sv: 'Tog bort en plats', en: 'Removed a place' },
  'meeting.create': { sv: 'Skapade ett möte', en: 'Created a meeting' },
  'meeting.update': { sv: 'Ändrade ett möte', en: 'Changed a meeting' },
  'meeting.decision': { sv: 'Fattade ett beslut', en: 'Recorded a decision' },
  'measure.create': { sv: 'Skapade en åtgärd', en: 'Created a measure' },
  'measure.update': { sv: 'Ändrade en åtgärd', en: 'Changed a measure' },
  'action_plan.create': { sv: 'Skapade handlingsplanen', en: 'Created the action plan' },
  'action_plan.update': { sv: 'Ändrade handlingsplanen', en: 'Changed the action plan' },
  'situation_picture.create': { sv: 'Skapade en lägesbild', en: 'Created a situation picture' },
  'situation_picture.update': { sv: 'Ändrade en lägesbild', en: 'Changed a situation picture' },
  'situation_picture.recompute': { sv: 'Räknade om en lägesbild', en: 'Recomputed a situation picture' },
  'situation_picture.publish': { sv: 'Publicerade en lägesbild', en: 'Published a situation picture' },
  'situation_picture.version': { sv: 'Skapade en ny version av en lägesbild', en: 'Made a new version of a situation picture' },
  'situation_picture.delete': { sv: 'Tog bort en lägesbild', en: 'Removed a situation picture' },
  'settings.map': { sv: 'Ändrade kartans inställningar', en: 'Changed the map settings' },
  'settings.schedule': { sv: 'Ändrade schemat', en: 'Changed the schedule' },
  'municipality.create': { sv: 'Lade till kommunen', en: 'Added the municipality' },
  'setup.complete': { sv: 'Installationen slutfördes', en: 'Completed the set-up' },
  'backup.create': { sv: 'Säkerhetskopierade databasen', en: 'Backed up the database' },
  'database.restore': { sv: 'Återställde databasen', en: 'Restored the database' },
};

/** The action in words, or its identifier when the catalogue does not know it. */
export function auditActionLabel(action: string, lang: 'sv' | 'en'): string {
  return AUDIT_ACTIONS[action]?.[lang] ?? action;
}
