import { resolve } from 'node:path';
import type { DatabaseConfig } from '../db/open.ts';

/** Configuration from the environment; every setting has a default that runs the demo on a laptop. */
export interface ServerConfig extends DatabaseConfig {
  port: number;
  host: string;
  secureCookies: boolean;
  trustProxy: boolean;
  logLevel: string;
  jobs: JobsConfig;
}

/** The scheduled work in the server process: the lägesbild draft and the e-mail it sends. */
export interface JobsConfig {
  /** Run the scheduler and mailer every minute in the server (LAGESBILD_SCHEDULER=off: not). */
  scheduler: boolean;
  /** smtp://host:port, smtps://user:password@host:465; null = e-mail is queued but not sent. */
  smtpUrl: string | null;
  mailFrom: string;
  /** The app's address as users reach it, for links in e-mail. */
  publicUrl: string;
}

export function jobsConfig(env = process.env): JobsConfig {
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\/[^/]+/.test(smtpUrl)) throw new Error(`SMTP_URL must be smtp://host:port or smtps://host:port, got "${smtpUrl.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')}"`);
  const publicUrl = env.PUBLIC_URL?.trim() || 'http://127.0.0.1:3000';
  if (!/^https?:\/\/[^/]+/.test(publicUrl)) throw new Error(`PUBLIC_URL must be an http(s) address, got "${publicUrl}"`);
  const scheduler = env.LAGESBILD_SCHEDULER ?? 'on';
  if (!['on', 'off'].includes(scheduler)) throw new Error(`LAGESBILD_SCHEDULER must be on or off, got "${scheduler}"`);
  return { scheduler: scheduler === 'on', smtpUrl, mailFrom: env.MAIL_FROM?.trim() || 'Lägesbild <lagesbild@localhost>', publicUrl };
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
    jobs: jobsConfig(env),
  };
}

/** Where the data lives, for messages (never prints a password). */
export function describeDatabase(c: DatabaseConfig): string {
  if (c.databaseUrl) return `PostgreSQL ${c.databaseUrl.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')}`;
  return `inbäddad PGlite i ${c.dataDir}`;
}
