/**
 * Masks personal values before they enter the provisioning activity, which admins read to see
 * what Entra did, not to learn who someone is: enough is kept to recognise a change.
 */

const MASK = '***';
const EMAIL = /^([^@\s]+)@([^@\s]+)$/;
const EMAIL_ANYWHERE = /[^\s"'<>@]+@[^\s"'<>@]+\.[^\s"'<>@]+/g;

/** `John` → `Jo***`; one- and two-letter values keep only their first letter. */
export function maskText(value: string): string {
  const letters = Array.from(value.trim());
  if (letters.length === 0) return '';
  return letters.slice(0, letters.length > 2 ? 2 : 1).join('') + MASK;
}

/** `john.doe@contoso.com` → `j***@c***.com`: first letters and the top-level domain. */
export function maskEmail(value: string): string {
  const match = EMAIL.exec(value.trim());
  if (!match) return maskText(value);
  const [, local, domain] = match;
  const labels = domain.split('.');
  const tld = labels.length > 1 ? `.${labels[labels.length - 1]}` : '';
  return `${Array.from(local)[0]}${MASK}@${Array.from(domain)[0]}${MASK}${tld}`;
}

/** `+33 6 12 34 56 78` → `***78`. */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length > 4 ? `${MASK}${digits.slice(-2)}` : MASK;
}

/** Error details may quote a client's input (a filter value): any email in them is masked. */
export function maskEmailsIn(text: string): string {
  return text.replace(EMAIL_ANYWHERE, (email) => maskEmail(email));
}
