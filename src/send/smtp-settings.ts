import { UsageError } from '../config/options.js';

/** Where mail goes, read from `FICBIND_SMTP_URL` (e.g. `smtps://me%40example.org:pass@smtp.example.org:465`). */
export interface SmtpSettings {
  /** For nodemailer; holds the credentials, so it is never printed. */
  url: string;
  /** `smtp.example.org:465`: what may be shown. */
  server: string;
  /** The login, URL-decoded, when there is one: the default sender. */
  user?: string;
  /** Every form in which the credentials could appear in a message, to blank them out. */
  secrets: string[];
}

export const SMTP_ENV = 'FICBIND_SMTP_URL';

export function parseSmtpUrl(text: string | undefined): SmtpSettings {
  if (!text)
    throw new UsageError(
      `set ${SMTP_ENV} to your mail server, e.g. ${SMTP_ENV}='smtps://me%40example.org:app-password@smtp.example.org:465' (URL-encode @ and : in the user and password)`,
    );
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${SMTP_ENV} is not a URL; it looks like smtps://user:password@host:465`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new UsageError(`${SMTP_ENV} must start with smtp:// or smtps://, not ${url.protocol}//`);
  const decode = (part: string): string => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  const secrets = [url.password, decode(url.password), url.username, decode(url.username)].filter((s) => s.length >= 3);
  const port = url.port || (url.protocol === 'smtps:' ? '465' : '587');
  return {
    url: text,
    server: `${url.hostname}:${port}`,
    ...(url.username ? { user: decode(url.username) } : {}),
    secrets: [text, ...new Set(secrets)].sort((a, b) => b.length - a.length),
  };
}

/** A message with every trace of the credentials replaced by `***`. */
export function withoutSecrets(message: string, settings: SmtpSettings): string {
  return settings.secrets.reduce((text, secret) => text.split(secret).join('***'), message);
}
