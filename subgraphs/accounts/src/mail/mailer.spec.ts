import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileMailer } from './mailer';
import { IdentityMails } from './identity-mails';

describe('FileMailer', () => {
  it('writes one JSON file per message, folder 0700 and files 0600', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'mail-')), 'mail');
    const mailer = new FileMailer(dir);
    const message = new IdentityMails('https://portal.example/').resetPassword(
      'a@example.test',
      'T'.repeat(43),
    );
    await mailer.send(message);
    await mailer.send(message);
    const files = readdirSync(dir);
    assert.equal(files.length, 2);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.equal(statSync(path.join(dir, files[0] as string)).mode & 0o777, 0o600);
    assert.deepEqual(JSON.parse(readFileSync(path.join(dir, files[0] as string), 'utf8')), message);
  });
});

describe('IdentityMails', () => {
  it('puts tokens in the URL fragment, never in the path or query', () => {
    const mails = new IdentityMails('https://portal.example');
    const token = 'A'.repeat(43);
    assert.match(
      mails.invite('a@b.c', 'A', token).text,
      /https:\/\/portal\.example\/accept-invite#token=A{43}/,
    );
    assert.match(mails.verifyEmail('a@b.c', token).text, /\/verify-email#token=A{43}/);
    assert.match(mails.resetPassword('a@b.c', token).text, /\/reset-password#token=A{43}/);
  });
});
