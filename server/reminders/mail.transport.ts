// Delivery: nodemailer over SMTP when SMTP_URL is set; otherwise mails stay in the outbox
// table, where the department's UI shows them.
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

export type OutgoingMail = { to: string; subject: string; text: string; html: string; headers?: Record<string, string> };
export type Mailer = { kind: 'smtp' | 'outbox'; send(mail: OutgoingMail): Promise<void>; close(): void };

export function createMailer(config: Pick<Config, 'mail' | 'publicUrl'>): Mailer {
  if (config.mail.kind === 'outbox') return { kind: 'outbox', send: async () => {}, close: () => {} };
  // a pooled connection: a round of reminders reuses a few SMTP sessions instead of one per mail
  const url = new URL(config.mail.url);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  const transport = nodemailer.createTransport(url.toString());
  const host = new URL(config.publicUrl).hostname;
  const from = `"Мониторинг качества образования" <noreply@${host.includes('.') ? host : host + '.local'}>`;
  return {
    kind: 'smtp',
    send: async (mail) => {
      await transport.sendMail({ from, ...mail });
    },
    close: () => transport.close(),
  };
}
