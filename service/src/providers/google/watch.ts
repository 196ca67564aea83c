import type { ChangeChannels } from '../types.js';
import { isStatus, type GoogleApi } from './api/client.js';

/**
 * Drive push notifications for the acting user's change feed: changes.watch opens a `web_hook`
 * channel to the address from a page token; Drive then POSTs a notification on every change, with
 * the channel's id and token in X-Goog-Channel-ID and X-Goog-Channel-Token; channels.stop ends it.
 * Drive caps a channel's life (it answers the expiration it chose) and renews nothing itself.
 * https://developers.google.com/workspace/drive/api/guides/push
 */
export function driveChangeChannels(api: GoogleApi): ChangeChannels {
  return {
    async open(request) {
      const channel = await api.call('changes.watch', (o) =>
        api.drive.changes.watch(
          {
            pageToken: request.cursor,
            spaces: 'drive',
            requestBody: { id: request.id, type: 'web_hook', address: request.address, token: request.token, expiration: String(request.expiresAt) },
          },
          o,
        ),
      );
      if (!channel.resourceId) throw new Error('[google] changes.watch: answered without a resourceId');
      return { resourceId: channel.resourceId, expiresAt: channel.expiration ? Number(channel.expiration) : request.expiresAt };
    },
    async stop(channel) {
      try {
        await api.call('channels.stop', (o) => api.drive.channels.stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } }, o));
      } catch (error) {
        // Expired or stopped before: nothing left to stop.
        if (!isStatus(error, 404)) throw error;
      }
    },
  };
}
