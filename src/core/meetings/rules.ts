/** How long a meeting's parts may be: checked by the service, declared in the HTTP contract. */
export const MEETING_LIMITS = { titleMax: 200, participantsMax: 100, participantNameMax: 200, agendaMax: 100, minutesMax: 50_000, decisionTextMax: 2000 } as const;
