// Staff sign-in. Tokens live in this module's memory only (never in storage): a reload signs in again.
// Embedded mode: a demo user picked from /panel/config, token from /dev/token (issued again before it expires).
// OpenID Connect: the authorization code flow with PKCE (S256) against the configured issuer's public client; only
// the PKCE verifier and state cross the redirect (sessionStorage, removed on return); the access token is refreshed
// with the refresh token before it expires (renewalMargin: a minute, or a third of a short token's lifetime), by a
// timer, so that it is fresh whenever a request or a new socket asks for it. When it cannot be renewed any more (the
// provider's session ended or the refresh token expired), the panel is told (onSignInEnded) and signs in again.
import { renewalMargin, secondsLeft } from '/app/graphql.js';

const PKCE_KEY = 'ordergraph.panel.pkce';
const memory = { access: null, refresh: null, idToken: null, user: null };
let config = null;
let oidc = null;
let pending = null;
let renewal = null;
let ended = () => {};

const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = (n = 32) => base64url(crypto.getRandomValues(new Uint8Array(n)));
const redirectUri = () => `${location.origin}/panel/`;

export async function loadConfig() {
  const response = await fetch('/panel/config', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`The panel's configuration answered ${response.status}`);
  config = await response.json();
  return config;
}

async function discovery() {
  if (!oidc) {
    const response = await fetch(`${config.issuer}/.well-known/openid-configuration`);
    if (!response.ok) throw new Error(`The identity provider answered ${response.status}`);
    oidc = await response.json();
  }
  return oidc;
}

async function devToken(user) {
  const response = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sub: user.subject, name: user.name, roles: user.roles }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error_description || `Sign-in answered ${response.status}`);
  memory.access = body.access_token;
  schedule();
}

/** Embedded mode: sign in as one of the demo users. */
export async function signInAs(user) {
  memory.user = user;
  await devToken(user);
}

/** OpenID Connect: off to the identity provider (comes back to /panel/?code=...). */
export async function startOidcSignIn() {
  const endpoints = await discovery();
  const verifier = random(48);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = random(16);
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(endpoints.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(), scope: 'openid profile email',
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  location.assign(url.href);
}

async function tokenRequest(parameters) {
  const endpoints = await discovery();
  const response = await fetch(endpoints.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.clientId, ...parameters }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error_description || body.error || `Sign-in answered ${response.status}`);
  memory.access = body.access_token;
  memory.refresh = body.refresh_token ?? memory.refresh;
  memory.idToken = body.id_token ?? memory.idToken;
  schedule();
}

/** Renews the access token when it enters its renewal margin; retries every few seconds until it has expired. */
function schedule(delay = null) {
  clearTimeout(renewal);
  if (!memory.access) return;
  const due = delay ?? secondsLeft(memory.access) - renewalMargin(memory.access);
  if (!Number.isFinite(due)) return;
  renewal = setTimeout(async () => {
    try {
      await renew();
    } catch (error) {
      if (secondsLeft(memory.access) > 1) schedule(5);
      else end(error);
    }
  }, Math.max(1, due) * 1000);
}

function renew() {
  pending ??= (async () => {
    try {
      if (config.mode === 'embedded' && memory.user) await devToken(memory.user);
      else if (memory.refresh) await tokenRequest({ grant_type: 'refresh_token', refresh_token: memory.refresh });
      else throw new Error('Nothing to renew the sign-in with');
    } finally {
      pending = null;
    }
  })();
  return pending;
}

function forget() {
  clearTimeout(renewal);
  memory.access = memory.refresh = memory.idToken = memory.user = null;
}

function end(error) {
  forget();
  ended(error);
}

/** `callback(error)` hears that the sign-in ended by itself: its token expired and could not be renewed. */
export function onSignInEnded(callback) {
  ended = callback;
}

/** OpenID Connect: on return from the identity provider, trades the code for tokens. False when not returning. */
export async function completeOidcSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return false;
  const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, '', '/panel/');
  if (params.has('error')) throw new Error(params.get('error_description') || params.get('error'));
  if (!saved || saved.state !== params.get('state')) throw new Error('The sign-in answer did not match: try again');
  await tokenRequest({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
    code_verifier: saved.verifier });
  return true;
}

/** The current access token, renewed first when it is within its renewal margin; null when signed out. */
export async function token() {
  if (!memory.access) return null;
  if (secondsLeft(memory.access) > renewalMargin(memory.access)) return memory.access;
  try {
    await renew();
  } catch (error) {
    if (secondsLeft(memory.access) <= 0) {
      end(error);
      return null;
    }
  }
  return memory.access;
}

/** Forgets the tokens; with OpenID Connect also ends the session at the provider, which comes back to the panel. */
export async function signOut() {
  const idToken = memory.idToken;
  forget();
  if (config?.mode === 'oidc') {
    const endpoints = await discovery().catch(() => null);
    if (endpoints?.end_session_endpoint) {
      const url = new URL(endpoints.end_session_endpoint);
      url.search = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: redirectUri(),
        ...(idToken ? { id_token_hint: idToken } : {}) });
      location.assign(url.href);
      return;
    }
  }
  location.assign('/panel/');
}
