// A real SMTP server on loopback (the smtp-server package) that keeps what it receives, and
// can refuse recipients to test retries.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type Received = { to: string; subject: string; text: string; html: string; headers: Map<string, unknown> };

export async function startSmtp(options: { refuse?: (to: string) => boolean } = {}) {
  const messages: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address)) return callback(Object.assign(new Error('450 mailbox busy, try later'), { responseCode: 450 }));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        const to = Array.isArray(mail.to) ? mail.to[0].text : (mail.to?.text ?? '');
        messages.push({ to, subject: mail.subject ?? '', text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : '', headers: mail.headers });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}?pool=false`, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
