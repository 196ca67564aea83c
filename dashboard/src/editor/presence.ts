/** The heartbeat: tells the service this page has the document open, shows who else has. */

/** The service forgets a page after 30 s without a beat. */
const BEAT_MS = 10_000;

interface PresenceAnswer {
  others: { name: string }[];
  version: string;
  /** Who saved `version`, when the service knows. */
  savedBy?: { name: string } | null;
  /** People who chose to keep their lines over this person's since the last beat. */
  replaced?: { by: string; at: string }[];
}

export function startPresence(options: {
  planId: string;
  target: HTMLElement;
  onVersion: (version: string, by: string | null) => void | Promise<void>;
  onReplaced: (names: string[]) => void;
}): void {
  const url = `/api/plans/${encodeURIComponent(options.planId)}/document/presence`;
  const send = (leaving = false) =>
    fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: leaving,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(leaving ? { leaving } : {}),
    });

  let last = '';
  async function beat(): Promise<void> {
    try {
      const response = await send();
      if (!response.ok) return;
      const answer = (await response.json()) as PresenceAnswer;
      const names = answer.others.map((o) => o.name);
      const text = names.length ? `Also open for ${names.join(', ')}` : '';
      // Only a change is announced (the line is a live region).
      if (text !== last) options.target.textContent = last = text;
      if (answer.replaced?.length) options.onReplaced([...new Set(answer.replaced.map((r) => r.by))]);
      await options.onVersion(answer.version, answer.savedBy?.name ?? null);
    } catch {
      // Offline for a moment: the save state says so; presence simply waits for the next beat.
    }
  }
  void beat();
  setInterval(beat, BEAT_MS);
  window.addEventListener('pagehide', () => void send(true).catch(() => undefined));
}
