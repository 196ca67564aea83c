/**
 * A Cloudflare Access team domain on a loopback port: it publishes signing keys at
 * /cdn-cgi/access/certs (as Cloudflare does) and signs Cf-Access-Jwt-Assertion tokens for tests.
 */
import { createServer } from 'node:http';
import { type CryptoKey, type JWK, SignJWT, exportJWK, generateKeyPair } from 'jose';

export const ACCESS_AUD = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

export async function startAccessTeam() {
  const published: JWK[] = [];
  let certRequests = 0;
  const server = createServer((req, res) => {
    if (req.url !== '/cdn-cgi/access/certs') return void res.writeHead(404).end();
    certRequests++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address();
  const teamDomain = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const now = () => Math.floor(Date.now() / 1000);

  /** A new RS256 key; `publish` adds its public half to the certs. */
  async function newKey(kid: string, publish: boolean): Promise<SigningKey> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    if (publish) published.push({ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' });
    return { kid, privateKey };
  }
  const key = await newKey('key-1', true);

  return {
    teamDomain,
    env: { CF_ACCESS_TEAM_DOMAIN: teamDomain, CF_ACCESS_AUD: ACCESS_AUD },
    newKey,
    certRequests: () => certRequests,
    /** An assertion as Access sends it (for ben@acme.test unless `claims` say otherwise). */
    assertion(claims: Record<string, unknown> = {}, signer: SigningKey = key): Promise<string> {
      const payload = { email: 'ben@acme.test', type: 'app', iss: teamDomain, aud: [ACCESS_AUD], iat: now() - 10, exp: now() + 600, ...claims };
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: signer.kid }).sign(signer.privateKey);
    },
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}
export type AccessTeam = Awaited<ReturnType<typeof startAccessTeam>>;
