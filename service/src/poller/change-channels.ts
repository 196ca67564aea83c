import { toBase64Url } from '../domain/base64.js';
import type { PlanServices } from '../plans/services.js';
import type { ChangeChannels } from '../providers/types.js';
import type { PollQueue, WatchChannelRecord, WatchChannels } from '../store/types.js';
import { errorMessage } from '../errors.js';

type ChannelServices = Pick<PlanServices, 'providers' | 'clock' | 'log'> & { store: WatchChannels & Pick<PollQueue, 'getCursor' | 'setCursor'> };

/** How long a channel is asked to live: a day (Drive may end it sooner). */
const CHANNEL_LIFETIME_MS = 24 * 3_600_000;
/** A channel with less than this left is replaced: more than the time between two scheduled cycles. */
const CHANNEL_RENEW_BEFORE_MS = 3_600_000;

/** Where a provider's notifications go (PUBLIC_URL/webhooks/<provider>); null: no channels, as Drive delivers only to HTTPS addresses with a valid certificate. */
function channelAddress(publicUrl: string, provider: string): string | null {
  return publicUrl.startsWith('https://') ? `${publicUrl}/webhooks/${provider}` : null;
}

/** poll_cursors key of a provider's last failed channel open (ms). */
const FAILED_OPEN = 'channel-open-failed:';
const RETRY_OPEN_AFTER_MS = 3_600_000;

const encoder = new TextEncoder();
async function hashToken(token: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(token))));
}

function providersWithChannels(deps: ChannelServices): [string, ChangeChannels][] {
  return Object.entries(deps.providers).flatMap(([name, provider]) => (provider?.changeChannels ? [[name, provider.changeChannels] as [string, ChangeChannels]] : []));
}

/**
 * Keep one live notification channel per provider that has them, run at the end of every scheduled
 * cycle (the timer on Node, the cron on Workers): open one at `publicUrl` when none has more than
 * an hour left, then stop and forget the older ones. A channel opens from the stored change cursor,
 * so it waits for the first cycle. Returns how many were opened. Failure is logged: polling is the net.
 */
export async function keepChannelsOpen(deps: ChannelServices, publicUrl: string): Promise<number> {
  const now = deps.clock.now().getTime();
  let opened = 0;
  for (const [name, channels] of providersWithChannels(deps)) {
    const address = channelAddress(publicUrl, name);
    const cursor = await deps.store.getCursor(name);
    if (!address || !cursor) continue;
    // A refused open (an address Drive will not deliver to, a missing permission) is tried again an
    // hour later, not at every cycle.
    const failedAt = Number(await deps.store.getCursor(`${FAILED_OPEN}${name}`));
    if (failedAt && now - failedAt < RETRY_OPEN_AFTER_MS) continue;
    const existing = await deps.store.listWatchChannels(name);
    // A row without a resource id is an open that never got its answer (a crash): it counts for nothing.
    if (existing.some((channel) => channel.resourceId !== '' && channel.expiresAt - now > CHANNEL_RENEW_BEFORE_MS)) continue;
    const id = crypto.randomUUID();
    const token = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
    const record = { id, provider: name, resourceId: '', tokenHash: await hashToken(token), expiresAt: now + CHANNEL_LIFETIME_MS, createdAt: new Date(now).toISOString() };
    try {
      // Kept before it opens: Drive's first message (sync), or a change, may arrive before its answer does.
      await deps.store.addWatchChannel(record);
      const channel = await channels.open({ id, token, address, cursor, expiresAt: record.expiresAt });
      await deps.store.deleteWatchChannel(id);
      await deps.store.addWatchChannel({ ...record, resourceId: channel.resourceId, expiresAt: channel.expiresAt });
      opened++;
      if (failedAt) await deps.store.setCursor(`${FAILED_OPEN}${name}`, '0');
      await retire(deps, channels, existing, now);
    } catch (error) {
      await deps.store.deleteWatchChannel(id);
      await deps.store.setCursor(`${FAILED_OPEN}${name}`, String(now));
      deps.log(`[poller] ${name}: could not open a change notification channel (polling goes on): ${errorMessage(error)}`);
    }
  }
  return opened;
}

/** Stop the channels a newer one replaces (expired ones need no stop) and forget them. */
async function retire(deps: ChannelServices, channels: ChangeChannels, old: WatchChannelRecord[], now: number): Promise<void> {
  for (const channel of old) {
    try {
      if (channel.expiresAt > now && channel.resourceId !== '') await channels.stop(channel);
    } catch (error) {
      deps.log(`[poller] could not stop channel ${channel.id} (it ends by itself at ${new Date(channel.expiresAt).toISOString()}): ${errorMessage(error)}`);
    }
    await deps.store.deleteWatchChannel(channel.id);
  }
}

/** On shutdown (Node): stop every channel this service opened, so nothing delivers to an address that is gone. */
export async function stopChannels(deps: ChannelServices): Promise<void> {
  const now = deps.clock.now().getTime();
  for (const [name, channels] of providersWithChannels(deps)) await retire(deps, channels, await deps.store.listWatchChannels(name), now);
}

/** What a notification's headers say (Drive: X-Goog-Channel-ID, -Token, X-Goog-Resource-ID, -State). */
export interface ChannelNotification {
  channelId: string | undefined;
  token: string | undefined;
  resourceId: string | undefined;
  state: string | undefined;
}

/**
 * Is this delivery from a channel the service opened, still live, with its token? `change`: run a
 * cycle soon; `sync`: the channel's first message, nothing changed; `refused`: forged, stale or
 * unknown, nothing is read.
 */
export async function acceptNotification(
  deps: Pick<PlanServices, 'clock'> & { store: WatchChannels },
  provider: string,
  notice: ChannelNotification,
): Promise<'change' | 'sync' | 'refused'> {
  if (!notice.channelId || !notice.token) return 'refused';
  const channel = await deps.store.getWatchChannel(notice.channelId);
  if (!channel || channel.provider !== provider || channel.expiresAt <= deps.clock.now().getTime()) return 'refused';
  if ((await hashToken(notice.token)) !== channel.tokenHash) return 'refused';
  // Until Drive's answer is stored the resource id is not known yet: the token alone speaks for it.
  if (channel.resourceId !== '' && notice.resourceId !== channel.resourceId) return 'refused';
  return notice.state === 'sync' ? 'sync' : 'change';
}
