/** GET /health: liveness and schema version, for monitoring and the deployment's readiness check. */
import { Type, type Static } from '@sinclair/typebox';

export const Health = Type.Object({
  status: Type.Literal('ok'), engine: Type.String(), schemaVersion: Type.Integer(), expectedSchemaVersion: Type.Integer(), version: Type.String(),
});
export type Health = Static<typeof Health>;
/** 503: the database does not answer; `error` says why. */
export const HealthUnavailable = Type.Object({ status: Type.Literal('unavailable'), engine: Type.String(), error: Type.String() });
export type HealthUnavailable = Static<typeof HealthUnavailable>;
