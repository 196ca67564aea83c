import type { AccessSnapshot, Change, DriveState } from './drive-state.js';
import { driveError } from './errors.js';
import { roleAmong } from './roles.js';

/** A notification channel on a user's change feed (changes.watch). */
export interface FakeChannel {
  id: string;
  resourceId: string;
  token: string | undefined;
  address: string;
  user: string;
  expiration: number;
  messages: number;
  stopped: boolean;
}

/** One notification the fake sent, and what the receiver answered. */
export interface SentPush {
  channelId: string;
  state: 'sync' | 'change';
  status: number | 'failed';
}

/**
 * "If the expiration is not set, defaults to 3600 seconds; the maximum is 604800 seconds (one week)
 * for the changes resource" (Notifications for resource changes,
 * https://developers.google.com/workspace/drive/api/guides/push): Drive answers the expiration it
 * chose, and delivers nothing after it.
 */
const DEFAULT_LIFETIME_MS = 3_600_000;
const MAX_LIFETIME_MS = 604_800_000;

/**
 * Drive's push notifications for changes.watch, as the push guide describes them: a channel belongs
 * to one user and sees that user's change feed; a `sync` message when it opens, then a `change` POST
 * per change the user can see, its meaning in the X-Goog-* headers and an empty body.
 */
export class PushChannels {
  readonly channels: FakeChannel[] = [];
  readonly sent: SentPush[] = [];
  /** Channel addresses that are not HTTPS (a local test server has no certificate): Drive refuses them. */
  allowHttp = false;
  /** How a notification reaches its address; the real network unless a test routes it. */
  deliver: (request: Request) => Promise<Response> = (request) => fetch(request);
  private readonly pending = new Set<Promise<void>>();
  private counter = 0;

  constructor(private readonly now: () => number) {}

  watch(user: string, body: Record<string, unknown>): Record<string, unknown> {
    const { id, type, address, token, expiration } = body;
    if (typeof id !== 'string' || !id) throw driveError(400, 'required', 'Required parameter: id', 'id');
    if (type !== 'web_hook' && type !== 'webhook') throw driveError(400, 'push.channelTypeUnsupported', `Channel type ${String(type)} is not supported.`);
    if (typeof address !== 'string' || !URL.canParse(address)) throw driveError(400, 'push.invalidAddress', 'Invalid address.');
    if (!address.startsWith('https://') && !this.allowHttp) throw driveError(400, 'push.webhookUrlNotHttps', `WebHook callback must be HTTPS: ${address}`);
    if (this.channels.some((channel) => channel.id === id && !channel.stopped)) throw driveError(400, 'channelIdNotUnique', 'Channel id not unique.');
    const now = this.now();
    const asked = expiration === undefined ? now + DEFAULT_LIFETIME_MS : Number(expiration);
    if (!Number.isFinite(asked) || asked <= now) throw driveError(400, 'push.invalidExpiration', 'Invalid expiration.');
    const channel: FakeChannel = {
      id,
      resourceId: `res-${++this.counter}`,
      token: typeof token === 'string' ? token : undefined,
      address,
      user,
      expiration: Math.min(asked, now + MAX_LIFETIME_MS),
      messages: 0,
      stopped: false,
    };
    this.channels.push(channel);
    this.send(channel, 'sync');
    return {
      kind: 'api#channel',
      id,
      resourceId: channel.resourceId,
      resourceUri: 'https://www.googleapis.com/drive/v3/changes?alt=json',
      ...(channel.token ? { token: channel.token } : {}),
      expiration: String(channel.expiration),
    };
  }

  /** channels.stop: only the channel's own user, by id and resourceId. */
  stop(user: string, body: Record<string, unknown>): void {
    const channel = this.channels.find((c) => c.id === body['id'] && c.resourceId === body['resourceId'] && !c.stopped);
    if (!channel || channel.user !== user) throw driveError(404, 'notFound', `Channel '${String(body['id'])}' not found for project`);
    channel.stopped = true;
  }

  /** A change was recorded: tell every live channel whose user can see it (before or after). */
  notify(state: DriveState, change: Change): void {
    for (const channel of this.channels) {
      if (channel.stopped || channel.expiration <= this.now()) continue;
      const sees = (access: AccessSnapshot | null) => access !== null && roleAmong(state, access, channel.user) !== undefined;
      if (sees(change.access) || sees(change.before)) this.send(channel, 'change');
    }
  }

  /** Wait for every notification sent so far to be answered. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private send(channel: FakeChannel, state: 'sync' | 'change'): void {
    channel.messages += 1;
    const headers: Record<string, string> = {
      'x-goog-channel-id': channel.id,
      'x-goog-channel-expiration': new Date(channel.expiration).toUTCString(),
      'x-goog-message-number': String(channel.messages),
      'x-goog-resource-id': channel.resourceId,
      'x-goog-resource-state': state,
      'x-goog-resource-uri': 'https://www.googleapis.com/drive/v3/changes?alt=json',
      ...(channel.token ? { 'x-goog-channel-token': channel.token } : {}),
    };
    const record: SentPush = { channelId: channel.id, state, status: 'failed' };
    this.sent.push(record);
    // Sent after the change's own answer, as Drive does: the receiver never sees it first.
    const delivery = new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(() => this.deliver(new Request(channel.address, { method: 'POST', headers })))
      .then(
        async (response) => {
          record.status = response.status;
          await response.body?.cancel();
        },
        () => undefined,
      )
      .finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
  }
}
