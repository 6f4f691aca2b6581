import type { MailMessage } from './mailer';

/**
 * The identity messages. Tokens go in the URL fragment (`#token=`), which browsers never send to
 * a server, so they cannot end up in access logs or Referer headers.
 */
export class IdentityMails {
  constructor(private readonly publicUrl: string) {}

  private link(page: string, token: string): string {
    return `${this.publicUrl.replace(/\/$/, '')}/${page}#token=${token}`;
  }

  invite(to: string, name: string, token: string): MailMessage {
    return {
      to,
      subject: 'Your Installa account',
      text: `Hello ${name},\n\nAn account was created for you. Choose your password here (valid for 7 days):\n${this.link('accept-invite', token)}\n`,
    };
  }

  verifyEmail(to: string, token: string): MailMessage {
    return {
      to,
      subject: 'Confirm your email address',
      text: `Confirm your email address for Installa (valid for 24 hours):\n${this.link('verify-email', token)}\n`,
    };
  }

  signUpAttempt(to: string): MailMessage {
    return {
      to,
      subject: 'Someone tried to sign up with your email',
      text: `Someone tried to create an Installa account with this email address, which already has one.\nIf it was you, sign in or reset your password at ${this.publicUrl}. Otherwise ignore this message.\n`,
    };
  }

  resetPassword(to: string, token: string): MailMessage {
    return {
      to,
      subject: 'Reset your Installa password',
      text: `Choose a new password here (valid for 1 hour):\n${this.link('reset-password', token)}\nIf you did not ask for this, ignore this message.\n`,
    };
  }
}
