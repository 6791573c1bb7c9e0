/** Shapes of the API's answers, as JSON carries them: the server's contract (src/contract), read as types. */
import type { Static } from '@sinclair/typebox';
import type * as C from '../../../src/contract/index.ts';

export type { Role } from '../../../src/core/access/roles.ts';

export type User = C.Wire<C.UserOut>;
export type Me = C.Wire<C.Me>;
export type Category = C.Wire<C.Category>;
export type Organisation = C.Wire<C.Organisation>;
export type Place = C.Wire<C.Place>;
export type Area = C.Wire<C.Area>;
export type Municipality = C.Wire<C.Municipality>;
export type Incident = C.Wire<C.Incident>;
export type IncidentPage = C.Wire<C.IncidentPage>;
export type HistoryEntry = C.Wire<C.HistoryEntry>;
export type MapPoints = C.Wire<C.MapPoints>;
export type MapPointProperties = C.Wire<C.MapPointProperties>;
export type MapGrid = C.Wire<C.MapGrid>;
export type MapHotspots = C.Wire<C.MapHotspots>;
export type MapAreas = C.Wire<C.MapAreas>;
export type MapAreaProperties = C.Wire<C.MapAreaProperties>;
export type LagesbildStats = C.Wire<C.LagesbildStats>;
export type StatsComparison = C.Wire<C.StatsComparison>;
export type Duplicates = C.Wire<Static<typeof C.Duplicates>>;
export type MapSettings = C.Wire<C.MapSettings>;
export type FeedbackItem = C.Wire<C.FeedbackItem>;
export type FeedbackList = C.Wire<C.FeedbackList>;
export type MfaStatus = C.Wire<C.MfaStatus>;
export type TotpEnrolment = C.Wire<C.TotpEnrolment>;
export type RecoveryCodes = C.Wire<C.RecoveryCodes>;
export type MfaRequired = C.Wire<C.MfaRequired>;
export type Open311Key = C.Wire<C.Open311Key>;
export type Open311KeyCreated = C.Wire<C.Open311KeyCreated>;
export type Open311Contact = C.Wire<C.Open311Contact>;
