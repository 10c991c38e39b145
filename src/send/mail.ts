import path from 'node:path';
import nodemailer from 'nodemailer';
import { UsageError } from '../config/options.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { ShelfBook } from '../model/shelf.js';
import { openShelf } from '../shelf/shelf-index.js';
import { KINDLE_LIMITS, mailBatches } from './mail-batches.js';
import type { SendResult } from './send-books.js';
import { readSentRecord, writeSentRecord } from './sent-record.js';
import { SMTP_ENV, parseSmtpUrl, withoutSecrets } from './smtp-settings.js';
import { byteSize as size } from '../text/byte-size.js';

export interface SendByMailOptions {
  /** Folder of finished books (default `out`). */
  from: string;
  /** The Send to Kindle address (`name@kindle.com`). */
  kindle: string;
  /** `smtp://` or `smtps://` URL with the login (the CLI passes `FICBIND_SMTP_URL`). */
  smtpUrl: string | undefined;
  /** The sender, which Amazon must have on the approved list; default the SMTP login. */
  sender?: string;
  /** Mail every book, also those mailed to this address before and unchanged since. */
  again?: boolean;
}

/** What ficbind mailed from an output folder, to which address: kept in that folder, never served. */
export const MAILED_RECORD = '.ficbind-mailed.json';
const ADDRESS = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

/**
 * Mails the books of an output folder to a Send to Kindle address as EPUB attachments, within
 * Amazon's limits (25 attachments and 50 MB a message: more books go in several messages; a book
 * over 50 MB is refused). Books mailed to that address before and unchanged since are skipped.
 * The SMTP credentials never reach a message, a diagnostic or the record.
 */
export async function sendByMail(options: SendByMailOptions): Promise<SendResult> {
  if (!ADDRESS.test(options.kindle))
    throw new UsageError(`--kindle ${options.kindle}: expected an e-mail address, e.g. name@kindle.com`);
  const smtp = parseSmtpUrl(options.smtpUrl);
  const sender = options.sender ?? smtp.user;
  if (!sender || !ADDRESS.test(sender))
    throw new UsageError(
      'give the sender with --sender you@example.org (the address Amazon has on your approved list)',
    );
  const shelf = await openShelf(options.from).catch(() => {
    throw new UsageError(`${options.from}: no such folder of books; build them first with "ficbind build"`);
  });
  const { books, problems } = await shelf.scan();
  const result: SendResult = {
    destination: `Send to Kindle (${options.kindle}) through ${smtp.server}`,
    sent: [],
    unchanged: [],
    diagnostics: [...problems],
  };
  const { record } = await readSentRecord(options.from, MAILED_RECORD);
  const key = (book: ShelfBook): string => `${options.kindle.toLowerCase()} ${book.file}`;
  const fresh = books.filter((book) => {
    const mailed = record.get(key(book));
    const same = mailed?.source === book.sha256 && mailed.identifier === book.identifier;
    if (same && !options.again) result.unchanged.push({ title: book.title, to: options.kindle, size: book.size });
    return options.again || !same;
  });
  const { messages, tooLarge } = mailBatches(fresh);
  for (const book of tooLarge)
    result.diagnostics.push(
      diagnostic(
        'send/too-large-for-kindle',
        path.join(options.from, book.file),
        `${size(book.size)} is more than Send to Kindle takes (${size(KINDLE_LIMITS.bytes)} a document): not mailed`,
      ),
    );
  const transport = nodemailer.createTransport(smtp.url);
  try {
    for (const [index, batch] of messages.entries()) {
      try {
        await transport.sendMail({
          from: sender,
          to: options.kindle,
          subject:
            messages.length > 1
              ? `ficbind: ${batch.length} books (${index + 1} of ${messages.length})`
              : `ficbind: ${titles(batch)}`,
          text: `Sent by ficbind send:\n\n${batch.map((b) => `- ${b.title} (${size(b.size)})`).join('\n')}\n`,
          attachments: batch.map((book) => ({
            filename: path.basename(book.file),
            path: path.join(shelf.folder, ...book.file.split('/')),
            contentType: 'application/epub+zip',
          })),
        });
      } catch (error) {
        result.diagnostics.push(
          diagnostic(
            'send/mail-failed',
            smtp.server,
            `could not send message ${index + 1} of ${messages.length}: ${withoutSecrets((error as Error).message, smtp)}`,
            { facts: { smtpSetting: SMTP_ENV } },
          ),
        );
        break;
      }
      for (const book of batch) {
        result.sent.push({ title: book.title, to: options.kindle, size: book.size });
        record.set(key(book), {
          identifier: book.identifier,
          source: book.sha256,
          written: book.sha256,
          size: book.size,
        });
      }
    }
  } finally {
    transport.close();
    if (result.sent.length > 0) await writeSentRecord(options.from, record, MAILED_RECORD);
  }
  return result;
}

function titles(books: readonly ShelfBook[]): string {
  const all = books.map((b) => b.title).join(', ');
  return all.length <= 120 ? all : `${books.length} books`;
}
