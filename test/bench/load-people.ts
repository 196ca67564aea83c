/** The two callers of the load benchmark, shared by the server it starts and the load it sends. */
export const LOAD_PEOPLE = {
  hr: { email: 'hr@acme.test', token: 'bench-hr-token-0123456789' },
  manager: { email: 'manager0@acme.test', token: 'bench-manager-token-0123456789' },
};
