import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { mailBatches, sendByMail } from '../../src/index.js';
import { SAMPLES, buildInto, type BuiltLibrary } from '../helpers/build.js';
import { runCli } from '../helpers/cli.js';
import { epubOfSize } from '../helpers/epub.js';

const USER = 'reader@example.org';
const PASSWORD = 'pa55:w0rd@Secret!';
const KINDLE = 'reader_123@kindle.com';

let smtp: SMTPServer;
let port: number;
const received: ParsedMail[] = [];
const sessions: { user: string; password: string }[] = [];

/** An SMTP URL for the test server, with the login URL-encoded as FICBIND_SMTP_URL expects it. */
const smtpUrl = (password = PASSWORD): string =>
  `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(password)}@127.0.0.1:${port}`;

const temp = (prefix: string): Promise<string> => mkdtemp(path.join(os.tmpdir(), `ficbind-${prefix}-`));

let library: BuiltLibrary;

describe('ficbind send --kindle: mail to an SMTP server the test runs', { timeout: 120_000 }, () => {
  before(async () => {
    library = await buildInto(SAMPLES, { cover: false });
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      size: 200 * 1024 * 1024,
      logger: false,
      onAuth(auth, _session, callback) {
        sessions.push({ user: auth.username ?? '', password: auth.password ?? '' });
        if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: USER });
        else callback(new Error('Invalid username or password'));
      },
      onData(stream, _session, callback) {
        simpleParser(stream).then(
          (mail) => {
            received.push(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
  });
  after(async () => {
    await new Promise<void>((resolve) => smtp.close(resolve));
  });

  it('mails every book as an EPUB attachment with a body, logging in with the URL-encoded credentials', async () => {
    received.length = 0;
    const result = await sendByMail({ from: library.out, kindle: KINDLE, smtpUrl: smtpUrl() });
    assert.deepEqual(result.diagnostics, []);
    assert.equal(result.sent.length, 4);
    assert.equal(received.length, 1);
    const mail = received[0]!;
    assert.equal(sessions.at(-1)?.password, PASSWORD, 'the password reached the server decoded');
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.text : '', KINDLE);
    assert.equal(mail.from?.value[0]?.address, USER);
    assert.ok((mail.text ?? '').trim().length > 0, 'the body is not empty');
    const names = mail.attachments.map((a) => a.filename).sort();
    assert.deepEqual(names, (await readdir(library.out)).filter((n) => n.endsWith('.epub')).sort());
    for (const attachment of mail.attachments) {
      assert.equal(attachment.contentType, 'application/epub+zip');
      assert.ok(
        attachment.content.equals(await readFile(path.join(library.out, attachment.filename!))),
        attachment.filename,
      );
    }
  });

  it('skips books mailed to that address before and unchanged, unless --again', async () => {
    received.length = 0;
    const again = await sendByMail({ from: library.out, kindle: KINDLE, smtpUrl: smtpUrl() });
    assert.equal(again.sent.length, 0);
    assert.equal(again.unchanged.length, 4);
    assert.equal(received.length, 0);
    const forced = await sendByMail({ from: library.out, kindle: KINDLE, smtpUrl: smtpUrl(), again: true });
    assert.equal(forced.sent.length, 4);
    assert.equal(received.length, 1);
  });

  it("keeps to Amazon's limits: 25 attachments a message, and a book over 50 MB refused with a hint to split it", async () => {
    const out = await temp('many-books');
    const small = await readFile(library.book('Salt and Static'));
    for (let n = 1; n <= 26; n++) await writeFile(path.join(out, `Book ${String(n).padStart(2, '0')}.epub`), small);
    await writeFile(path.join(out, 'Huge.epub'), await epubOfSize(51 * 1000 * 1000, 'Huge'));
    received.length = 0;
    const result = await sendByMail({ from: out, kindle: KINDLE, smtpUrl: smtpUrl() });
    assert.equal(received.length, 2);
    assert.deepEqual(
      received.map((m) => m.attachments.length).sort((a, b) => b - a),
      [25, 1],
    );
    assert.ok(!received.some((m) => m.attachments.some((a) => a.filename === 'Huge.epub')));
    const refused = result.diagnostics.find((d) => d.rule === 'send/too-large-for-kindle');
    assert.ok(refused && refused.severity === 'error' && refused.file.endsWith('Huge.epub'));
    assert.match(refused.hint ?? '', /[Ss]plit/);
  });

  it('splits by total size too: two 30 MB books go in two messages (pure batching)', () => {
    const books = [{ size: 30e6 }, { size: 30e6 }, { size: 10e6 }, { size: 60e6 }];
    const { messages, tooLarge } = mailBatches(books);
    assert.deepEqual(messages, [[books[0]], [books[1], books[2]]]);
    assert.deepEqual(tooLarge, [books[3]]);
  });

  it('never prints the SMTP credentials, whether the server accepts them or not, nor writes them into its record', async () => {
    const out = await temp('secret-out');
    await writeFile(path.join(out, 'Salt and Static.epub'), await readFile(library.book('Salt and Static')));
    const secrets = [PASSWORD, encodeURIComponent(PASSWORD), 'w0rd@Secret'];
    const good = await runCli(['send', '--kindle', KINDLE, '--from', out], { env: { FICBIND_SMTP_URL: smtpUrl() } });
    assert.equal(good.code, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /1 book mailed/);
    const json = await runCli(['send', '--kindle', KINDLE, '--from', out, '--again', '--json'], {
      env: { FICBIND_SMTP_URL: smtpUrl() },
    });
    assert.equal(json.code, 0);
    const refused = await runCli(['send', '--kindle', KINDLE, '--from', out, '--again'], {
      env: { FICBIND_SMTP_URL: smtpUrl(`${PASSWORD}-wrong`) },
    });
    assert.equal(refused.code, 1);
    assert.ok(refused.stdout.includes('[send/mail-failed]'), refused.stdout);
    const record = await readFile(path.join(out, '.ficbind-mailed.json'), 'utf8');
    for (const output of [good.stdout, good.stderr, json.stdout, json.stderr, refused.stdout, refused.stderr, record])
      for (const secret of secrets) assert.ok(!output.includes(secret), `no ${JSON.stringify(secret)} in:\n${output}`);
  });

  it('asks for the SMTP settings and a real address, with exit code 2', async () => {
    const run = await runCli(['send', '--kindle', KINDLE, '--from', library.out], { env: { FICBIND_SMTP_URL: '' } });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /FICBIND_SMTP_URL/);
    const bad = await runCli(['send', '--kindle', 'not-an-address', '--from', library.out], {
      env: { FICBIND_SMTP_URL: smtpUrl() },
    });
    assert.equal(bad.code, 2);
  });
});
