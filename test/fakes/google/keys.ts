import type { FakeServiceAccount } from './token.js';

const pem = (der: ArrayBuffer) => {
  let binary = '';
  for (const byte of new Uint8Array(der)) binary += String.fromCharCode(byte);
  const lines = btoa(binary).match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n`;
};

/**
 * A fresh RSA key pair for a test service account (nothing secret is committed): the JSON key text
 * the service reads from GOOGLE_SERVICE_ACCOUNT_KEY, and the account for the fake's token endpoint.
 */
export async function makeServiceAccount(delegatedScopes: string[], clientEmail = 'coaching-plans@acme-project.iam.gserviceaccount.com') {
  const pair = await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, [
    'sign',
    'verify',
  ]);
  const clientId = '1234567890123456789';
  const keyJson = JSON.stringify({
    type: 'service_account',
    project_id: 'acme-project',
    private_key_id: crypto.randomUUID().replace(/-/g, ''),
    private_key: pem(await crypto.subtle.exportKey('pkcs8', pair.privateKey)),
    client_email: clientEmail,
    client_id: clientId,
    token_uri: 'https://oauth2.googleapis.com/token',
  });
  const account: FakeServiceAccount = { clientEmail, clientId, publicKey: pair.publicKey, delegatedScopes };
  return { keyJson, account };
}
