/**
 * Whether an email's domain may sign in: any domain when none are listed (OIDC_ALLOWED_DOMAINS
 * empty), otherwise one of the listed ones. Its own module because both the OIDC callback
 * (oidc.ts, at sign-in) and identify.ts (for every request of a session opened that way) ask.
 */
export function domainAllowed(email: string, allowedDomains: string[]): boolean {
  return allowedDomains.length === 0 || allowedDomains.includes(email.slice(email.lastIndexOf('@') + 1).toLowerCase());
}
