import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/** A tile upstream where nothing listens (the discard port on this machine); see ./tiles.ts. */
const UNREACHABLE_TILES = 'http://127.0.0.1:9/{z}/{x}/{y}.png';
export const BIN = resolve(ROOT, 'bin/lagesbild.mjs');

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

/** Runs `lagesbild …` to completion; resolves with exit code and output. */
export function run(args: string[], env: Record<string, string | undefined>, stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, LAGESBILD_TILE_UPSTREAM: UNREACHABLE_TILES, ...env } });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => ok({ code, stdout, stderr }));
    p.stdin.end(stdin ?? '');
  });
}

/** Starts `lagesbild serve` and waits until /health answers. */
export async function startServer(env: Record<string, string | undefined>): Promise<{ proc: ChildProcess; url: string; output: () => string }> {
  const port = await freePort();
  // Map tiles from nowhere unless a test says otherwise: no test reaches the internet.
  // No second factor is forced on the fixture users unless a test asks for it (test/e2e/mfa.test.ts).
  const proc = spawn(process.execPath, [BIN, 'serve'], { cwd: ROOT, env: { ...process.env, LAGESBILD_TILE_UPSTREAM: UNREACHABLE_TILES, MFA_REQUIRED_ROLES: 'none', ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' } });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}:\n${out}`);
    try {
      const r = await fetch(`${url}/health`);
      if (r.ok) return { proc, url, output: () => out };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  proc.kill('SIGKILL');
  throw new Error(`server did not come up:\n${out}`);
}

export function exited(proc: ChildProcess): Promise<void> {
  return new Promise((ok) => (proc.exitCode !== null || proc.signalCode !== null ? ok() : proc.once('exit', () => ok())));
}

/** Logs in over HTTP; returns headers for further requests. */
export async function httpLogin(url: string, email: string, password: string): Promise<Record<string, string>> {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!r.ok) throw new Error(`login failed: ${r.status} ${await r.text()}`);
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}
