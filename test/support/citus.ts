/**
 * Databases on a real Citus cluster (../shared/tools/citus-cluster) for the tests. Citus 12.1 does
 * not propagate CREATE DATABASE, and a Citus cluster is formed per database (its nodes are rows of
 * pg_dist_node in that database): so a database is made on the coordinator and on every worker
 * under one name. A copy of the migrated, seeded template is CREATE DATABASE … TEMPLATE on every
 * node: the coordinator's metadata names its shards, which the workers' copies hold under the same
 * names, and Citus reaches a worker's database by the coordinator's database name — so the copies
 * form a cluster of their own, as consistent as the template was.
 */
import pg from 'pg';

/** A node's maintenance connection: the cluster URL's user and host at the node's port, database postgres. */
function nodeUrl(clusterUrl: string, port: number, database = 'postgres'): string {
  const u = new URL(clusterUrl);
  u.port = String(port);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onNode<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The ports of the coordinator (first) and the workers, as the cluster's own database registers them. */
export async function clusterPorts(clusterUrl: string): Promise<number[]> {
  return onNode(clusterUrl, async (c) => {
    const coordinator = Number(new URL(clusterUrl).port || 5432);
    const r = await c.query<{ port: number }>(`SELECT nodeport AS port FROM pg_dist_node WHERE noderole = 'primary' AND nodeport <> $1 ORDER BY nodeport`, [coordinator]);
    if (!r.rows.length) throw new Error(`${clusterUrl.replace(/:[^:@/]*@/, ':***@')} is not a Citus coordinator with workers`);
    return [coordinator, ...r.rows.map((x) => x.port)];
  });
}

/** The URL of database `name` on the cluster's coordinator. */
export function coordinatorUrl(clusterUrl: string, name: string): string {
  return nodeUrl(clusterUrl, Number(new URL(clusterUrl).port || 5432), name);
}

/** An empty database `name` on every node with Citus and PostGIS, the workers registered with the coordinator. */
export async function createClusterDatabase(clusterUrl: string, ports: number[], name: string): Promise<void> {
  for (const port of ports) {
    await onNode(nodeUrl(clusterUrl, port), (c) => c.query(`CREATE DATABASE ${name}`));
    await onNode(nodeUrl(clusterUrl, port, name), (c) => c.query('CREATE EXTENSION IF NOT EXISTS citus; CREATE EXTENSION IF NOT EXISTS postgis'));
  }
  const [coordinator, ...workers] = ports;
  await onNode(nodeUrl(clusterUrl, coordinator, name), async (c) => {
    await c.query(`SELECT citus_set_coordinator_host('${new URL(clusterUrl).hostname}', ${coordinator})`);
    for (const w of workers) await c.query(`SELECT citus_add_node('${new URL(clusterUrl).hostname}', ${w})`);
  });
}

/**
 * Makes `name` a template on every node: no one may connect any more (Citus's maintenance daemon
 * included, which would otherwise keep a connection open and block every copy).
 */
export async function freezeClusterTemplate(clusterUrl: string, ports: number[], name: string): Promise<void> {
  for (const port of ports) {
    await onNode(nodeUrl(clusterUrl, port), async (c) => {
      await c.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false IS_TEMPLATE true`);
      await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
    });
  }
}

/** A copy of template `template` named `name` on every node. */
export async function copyClusterDatabase(clusterUrl: string, ports: number[], template: string, name: string): Promise<void> {
  for (const port of ports) {
    await onNode(nodeUrl(clusterUrl, port), async (c) => {
      // A maintenance daemon that had the template open may take a moment to go.
      for (let attempt = 1; ; attempt++) {
        try {
          await c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
          return;
        } catch (e) {
          if (attempt >= 50 || !/being accessed by other users/.test((e as Error).message)) throw e;
          await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [template]);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    });
  }
}

/**
 * Drops `name` on every node (the coordinator first: it holds the connections to the workers). A
 * Citus maintenance daemon can open the database again between FORCE's termination and the drop
 * (CI saw "1 other session" once): refuse new connections first, and try again for a moment.
 */
export async function dropClusterDatabase(clusterUrl: string, ports: number[], name: string): Promise<void> {
  for (const port of ports) {
    await onNode(nodeUrl(clusterUrl, port), async (c) => {
      await c.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE false ALLOW_CONNECTIONS false`).catch(() => undefined);
      for (let attempt = 1; ; attempt++) {
        try {
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          return;
        } catch (e) {
          if (attempt >= 50 || !/being accessed by other users/.test((e as Error).message)) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    });
  }
}

/** The databases on the coordinator whose names match a LIKE pattern, newest first. */
export async function clusterDatabases(clusterUrl: string, like: string): Promise<string[]> {
  return onNode(nodeUrl(clusterUrl, Number(new URL(clusterUrl).port || 5432)), async (c) =>
    (await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY oid DESC', [like])).rows.map((r) => r.datname));
}
