import { GOOGLE_SCOPES } from '../../../service/src/providers/google/api/auth.js';
import type { FakeServiceAccount } from './token.js';
import type { GoogleFake } from './fake.js';
import { makeServiceAccount } from './keys.js';

let shared: ReturnType<typeof makeServiceAccount> | undefined;

/**
 * A Workspace as the setup guide leaves it: the owner and other users, a service account whose
 * delegation covers the service's scopes, and a private plans folder in the owner's My Drive.
 * Returns the environment the service needs to use it (for msw tests, or a fake over HTTP).
 */
export async function setUpWorkspace(fake: GoogleFake, setup: { owner: string; users: string[]; freshKey?: boolean }) {
  // Generating an RSA key is the slowest part: one per process unless asked.
  const generated = setup.freshKey ? makeServiceAccount(GOOGLE_SCOPES) : (shared ??= makeServiceAccount(GOOGLE_SCOPES));
  const { keyJson, account } = await generated;
  const serviceAccount: FakeServiceAccount = { ...account, delegatedScopes: [...account.delegatedScopes] };
  fake.addServiceAccount(serviceAccount);
  for (const email of [setup.owner, ...setup.users]) fake.addUser(email);
  const folder = fake.addFolder('Coaching plans', setup.owner);
  const env: Record<string, string> = {
    GOOGLE_SERVICE_ACCOUNT_KEY: keyJson,
    GOOGLE_SUBJECT: setup.owner,
    GOOGLE_PLANS_FOLDER_ID: folder.id,
    GOOGLE_API_ROOT_URL: fake.apiRootUrl,
    GOOGLE_DOCS_ROOT_URL: fake.docsRootUrl,
    GOOGLE_TOKEN_URL: fake.tokenUrl,
  };
  return { env, folderId: folder.id, serviceAccount };
}
