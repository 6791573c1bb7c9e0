/**
 * A real OpenID provider (oidc-provider v9) on 127.0.0.1 for the single sign-on tests: no internet,
 * no Entra ID. One client with a secret and PKCE required, the accounts the test gives (their claims
 * include email, name and groups, in the ID token as Entra ID's optional claims put them), and the
 * library's development login form (devInteractions: any password; the login is the account id).
 * Consent is given for the client up front, as an organisation's own app registration has it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Context } from 'oidc-provider';

export interface TestAccount {
  /** The login typed in the provider's form, and the `sub`. */
  sub: string;
  email: string;
  name: string;
  groups?: string[];
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Adds or changes an account (the next login sees it). */
  account(a: TestAccount): void;
  close(): Promise<void>;
}

export async function startOidcProvider(opts: { redirectUris: string[]; accounts?: TestAccount[]; clientId?: string; clientSecret?: string }): Promise<TestOidcProvider> {
  const clientId = opts.clientId ?? 'lagesbild-test';
  const clientSecret = opts.clientSecret ?? 'test-secret-that-is-long-enough-for-hs256-0123456789';
  const accounts = new Map((opts.accounts ?? []).map((a) => [a.sub, a]));
  const server: Server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId, client_secret: clientSecret, redirect_uris: opts.redirectUris,
      grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_post',
    }],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username', 'groups'] },
    // Scope claims in the ID token itself, not only at the userinfo endpoint.
    conformIdTokenClaims: false,
    cookies: { keys: ['lagesbild-test-cookie-key'] },
    // Lifetimes of its own, so the provider does not warn about its defaults in every test's output.
    ttl: { Interaction: 600, Grant: 3600, Session: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx: Context, id: string) {
      const a = accounts.get(id);
      if (!a) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: a.sub, email: a.email, email_verified: true, name: a.name, preferred_username: a.email, groups: a.groups ?? [] }),
      };
    },
    async loadExistingGrant(ctx: Context) {
      const { client, session, result, provider: p } = ctx.oidc;
      const existing = result?.consent?.grantId ?? session?.grantIdFor(client!.clientId);
      if (existing) return p.Grant.find(existing);
      const grant = new p.Grant({ clientId: client!.clientId, accountId: session!.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  server.on('request', provider.callback());
  return {
    issuer, clientId, clientSecret,
    account: (a) => void accounts.set(a.sub, a),
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

/**
 * Logs in at the provider as a browser would, over HTTP with a cookie jar: the authorization URL,
 * the development login form (login = the account's sub, any password), and the redirects until the
 * one to `stopAt` (the app's callback), whose URL it returns.
 */
export async function loginAtProvider(authorizationUrl: string, login: string, stopAt: string): Promise<URL> {
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 10; hop++) {
    if (url.href.startsWith(stopAt)) return url;
    const r = await fetch(url, { redirect: 'manual', headers: { cookie: cookie() } });
    keep(r);
    if (r.status >= 300 && r.status < 400) { url = new URL(r.headers.get('location')!, url); continue; }
    const html = await r.text();
    if (r.status !== 200 || !html.includes('name="login"')) throw new Error(`the provider answered ${r.status} at ${url.pathname}: ${html.slice(0, 500)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&');
    const post = await fetch(new URL(action, url), {
      method: 'POST', redirect: 'manual', headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'any' }),
    });
    keep(post);
    if (post.status < 300 || post.status >= 400) throw new Error(`the provider's login answered ${post.status}: ${(await post.text()).slice(0, 500)}`);
    url = new URL(post.headers.get('location')!, url);
  }
  throw new Error('too many redirects at the provider');
}
