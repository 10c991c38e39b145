import type { Command } from 'commander';
import { DEFAULT_OPTIONS, UsageError } from '../config/options.js';
import { sendByMail } from '../send/mail.js';
import { sendToDevice, type SendResult } from '../send/send-books.js';
import { SMTP_ENV } from '../send/smtp-settings.js';
import { formatSendReport } from './send-report.js';

interface SendFlags {
  from: string;
  kindle?: string;
  sender?: string;
  again?: boolean;
  ebookConvert?: string;
  json?: boolean;
}

const EXAMPLES = `
Examples:
  $ ficbind send /media/$USER/KOBOeReader          Kobo over USB: the .kepub.epub of each new or changed book
  $ ficbind send /media/$USER/Kindle               Kindle over USB: AZW3 (made by calibre's ebook-convert) in documents/
  $ ficbind send ~/Books                           any other folder: the EPUBs
  $ ${SMTP_ENV}='smtps://me%40example.org:app-password@smtp.example.org:465' \\
      ficbind send --kindle me_123@kindle.com      Send to Kindle by e-mail

Books already on the device (or mailed to that address) and unchanged are skipped. ficbind
never deletes a file, and replaces only files it wrote itself (its record: .ficbind-sent.json).`;

/** `ficbind send`: parses flags and calls sendToDevice or sendByMail. */
export function addSendCommand(cli: Command): void {
  cli
    .command('send')
    .description(
      'copy new and changed books onto an e-reader over USB (Kobo, Kindle, any folder), or mail them to Send to Kindle',
    )
    .argument('[device]', 'folder where the e-reader is mounted, or any folder')
    .option('--from <dir>', 'folder of books to send', DEFAULT_OPTIONS.out)
    .option('--kindle <address>', `mail the books to this Send to Kindle address (SMTP server from ${SMTP_ENV})`)
    .option(
      '--sender <address>',
      'with --kindle: the sender, on your approved list at Amazon (default: the SMTP login)',
    )
    .option('--again', 'with --kindle: mail every book, also those mailed before')
    .option('--ebook-convert <path>', "calibre's ebook-convert, when it is not on PATH")
    .option('--json', 'print the result as JSON')
    .addHelpText('after', EXAMPLES)
    .action(async (device: string | undefined, flags: SendFlags) => {
      if ((device === undefined) === (flags.kindle === undefined))
        throw new UsageError(
          'give a device folder (ficbind send /media/…/KOBOeReader) or --kindle ADDRESS, one of the two',
        );
      const result: SendResult =
        flags.kindle !== undefined
          ? await sendByMail({
              from: flags.from,
              kindle: flags.kindle,
              smtpUrl: process.env[SMTP_ENV],
              ...(flags.sender ? { sender: flags.sender } : {}),
              again: flags.again === true,
            })
          : await sendToDevice({
              from: flags.from,
              device: device!,
              ...(flags.ebookConvert ? { ebookConvert: flags.ebookConvert } : {}),
            });
      const verb = flags.kindle !== undefined ? 'mailed' : 'copied';
      process.stdout.write(`${flags.json ? JSON.stringify(result, null, 2) : formatSendReport(result, verb)}\n`);
      process.exitCode = result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
    });
}
