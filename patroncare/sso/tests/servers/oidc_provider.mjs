// A real OpenID Connect provider for the sign-in tests: the npm registry's oidc-provider, run by Node.js.
// Configured from the environment by patroncare/sso/tests/servers.py; its accounts come as JSON in
// OIDC_ACCOUNTS ({"login": {"password", "email", "name", "groups", "mfa"}}). OIDC_CLOCK_SKEW_SECONDS moves
// its clock, so that a test can receive an ID token that has already expired.
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.cwd(), 'package.json'));
const Provider = (await import(require.resolve('oidc-provider'))).default;

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS || '{}');
// Only the token endpoint's clock is moved: the sign-in itself works, the ID token it signs is already old.
const skew = Number(process.env.OIDC_CLOCK_SKEW_SECONDS || 0) * 1000;
let skewed = false;
const realNow = Date.now;
Date.now = () => realNow() + (skewed ? skew : 0);

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: ['http://127.0.0.1/never'],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  cookies: { keys: ['patroncare-test-provider-cookie-key'] },
  claims: { openid: ['sub', 'amr', 'auth_time'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
  features: { devInteractions: { enabled: false } },
  // Entra ID, Google and Okta put the e-mail address and groups in the ID token itself; do the same.
  conformIdTokenClaims: false,
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const account = accounts[sub];
    if (!account) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, email: account.email, email_verified: true, name: account.name, groups: account.groups };
      },
    };
  },
  // First-party client: no consent screen, the grant is given at once.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(['email', 'email_verified', 'name', 'groups']);
    await grant.save();
    return grant;
  },
});

// The tests' callback addresses differ by port; any address under one of these prefixes is accepted.
const prefixes = (process.env.OIDC_REDIRECT_PREFIXES || '').split(' ').filter(Boolean);
const exact = provider.Client.prototype.redirectUriAllowed;
provider.Client.prototype.redirectUriAllowed = function allowed(value) {
  return prefixes.some((prefix) => value.startsWith(prefix)) || exact.call(this, value);
};

const page = (uid, message = '') => `<!doctype html><html lang="en"><head><title>Test provider sign-in</title></head>
<body><main><h1>Test provider</h1>${message ? `<p role="alert">${message}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label for="login">Login</label> <input id="login" name="login" autocomplete="username">
<label for="password">Password</label> <input id="password" name="password" type="password">
<button type="submit">Continue</button></form></main></body></html>`;

const readForm = (req) => new Promise((resolve) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => resolve(Object.fromEntries(new URLSearchParams(body))));
});

const callback = provider.callback();
http.createServer(async (req, res) => {
  const match = req.url.match(/^\/interaction\/([^/?]+)(\/login)?/);
  if (!match) {
    if (skew && req.url.startsWith('/token')) {
      skewed = true;
      res.on('finish', () => { skewed = false; });
    }
    return callback(req, res);
  }
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page(details.uid));
    }
    const form = await readForm(req);
    const account = accounts[form.login];
    if (!account || account.password !== form.password) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page(details.uid, 'Wrong login or password.'));
    }
    const amr = account.mfa ? ['pwd', 'mfa', 'otp'] : ['pwd'];
    return provider.interactionFinished(req, res, { login: { accountId: form.login, amr } }, { mergeWithLastSubmission: false });
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    return res.end(String(error));
  }
}).listen(port, '127.0.0.1', () => console.log(`oidc-provider listening at ${issuer}`));
