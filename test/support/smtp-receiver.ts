/**
 * A real SMTP server (the smtp-server package) on a free local port, as a mail relay would be: it
 * wants the user and password of the SMTP_URL, keeps each message with its envelope, and answers a
 * temporary failure (451) to as many messages as a test asks.
 */
import { SMTPServer } from 'smtp-server';
import { parseMessage } from '../fakes/google/gmail-api.js';

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  mail: ReturnType<typeof parseMessage>;
}

export async function startSmtpReceiver(credentials = { user: 'reminders', pass: 's3cret-Pa55' }) {
  const received: ReceivedMail[] = [];
  let failing = 0;
  const server = new SMTPServer({
    // Local tests: no TLS certificate to trust; the password still has to be right.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.pass) callback(null, { user: auth.username });
      else callback(new Error('535 Authentication failed'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (failing > 0) {
          failing--;
          return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        }
        try {
          const mail = parseMessage(Buffer.concat(chunks).toString('utf8'));
          const from = session.envelope.mailFrom;
          received.push({ envelopeFrom: from ? from.address : '', envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        } catch (error) {
          callback(Object.assign(new Error(`Malformed message: ${String(error)}`), { responseCode: 554 }));
        }
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://${credentials.user}:${credentials.pass}@127.0.0.1:${port}`,
    port,
    received,
    failNext(count: number) {
      failing = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type SmtpReceiver = Awaited<ReturnType<typeof startSmtpReceiver>>;
