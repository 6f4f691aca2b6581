/**
 * Masks shown to agents until they reveal a customer (with a reason, audited): enough to match a
 * caller on the phone, not enough to copy the data.
 */

/** `dana@installa.test` → `d***@installa.test`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** `Jane Doe` → `J*** D***` (each word keeps its first letter). */
export function maskName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words.length === 0 ? '***' : words.map((w) => `${[...w][0]}***`).join(' ');
}

/** `+14155550123` → `***23` (the last two digits). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length < 6 ? '***' : `***${digits.slice(-2)}`;
}

/** Postal addresses are hidden entirely. */
export const maskPostalAddress = (): string => '***';
