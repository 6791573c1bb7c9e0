/** GET /health: liveness and schema version, for monitoring (the load balancer's check is GET /ready). */
import { Type, type Static } from '@sinclair/typebox';

/** This server process: its memory, and how long its event loop was held up (the last window's percentiles, and the longest since start). */
export const ProcessFigures = Type.Object({
  rssMB: Type.Number(), heapUsedMB: Type.Number(),
  eventLoop: Type.Object({ windowS: Type.Integer(), p50Ms: Type.Number(), p99Ms: Type.Number(), maxMs: Type.Number(), maxSinceStartMs: Type.Number() }),
});
export const Health = Type.Object({
  status: Type.Literal('ok'), engine: Type.String(), schemaVersion: Type.Integer(), expectedSchemaVersion: Type.Integer(), version: Type.String(),
  process: ProcessFigures,
});
export type Health = Static<typeof Health>;
/** 503: the database does not answer; `error` says why. */
export const HealthUnavailable = Type.Object({ status: Type.Literal('unavailable'), engine: Type.String(), error: Type.String() });
export type HealthUnavailable = Static<typeof HealthUnavailable>;

/** GET /ready: this process can serve — database reachable, schema current. */
export const Ready = Type.Object({ ready: Type.Literal(true), schemaVersion: Type.Integer() });
export type Ready = Static<typeof Ready>;
/** 503: not yet (or no longer) ready; each reason says what is wrong, in English, for operators. */
export const NotReady = Type.Object({ ready: Type.Literal(false), reasons: Type.Array(Type.String(), { minItems: 1 }) });
export type NotReady = Static<typeof NotReady>;
