import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One outgoing plain-text message. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail; SMTP comes later behind the same interface. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Keeps messages in memory (tests read `sent`). */
export class MemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];

  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
  }
}

/**
 * Writes one JSON file per message into `dir` (development, system tests): the folder is created
 * 0700 and each file 0600, since messages carry sign-in links.
 */
export class FileMailer implements Mailer {
  constructor(private readonly dir: string) {}

  async send(message: MailMessage): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.json`;
    await writeFile(path.join(this.dir, name), JSON.stringify(message, null, 2), {
      mode: 0o600,
      flag: 'wx',
    });
  }
}
