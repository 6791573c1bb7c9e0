import { resolve } from 'node:path';
import type { DatabaseConfig } from '../db/open.ts';

/** Configuration from the environment; every setting has a default that runs the demo on a laptop. */
export interface ServerConfig extends DatabaseConfig {
  port: number;
  host: string;
  secureCookies: boolean;
  trustProxy: boolean;
  logLevel: string;
}

export function databaseConfig(env = process.env): DatabaseConfig {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL };
  return { dataDir: resolve(env.DATA_DIR ?? './data') };
}

export function serverConfig(env = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    ...databaseConfig(env),
    port,
    host: env.HOST ?? '127.0.0.1',
    secureCookies: env.SECURE_COOKIES === 'true',
    trustProxy: env.TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

/** Where the data lives, for messages (never prints a password). */
export function describeDatabase(c: DatabaseConfig): string {
  if (c.databaseUrl) return `PostgreSQL ${c.databaseUrl.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')}`;
  return `inbäddad PGlite i ${c.dataDir}`;
}
