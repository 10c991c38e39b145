import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serveBooks, type RunningServer } from '../../src/index.js';
import { epubOfSize } from '../helpers/epub.js';
import { sampleShelf, SECRET, type ShelfFolder } from './shelf-folder.js';

let shelf: ShelfFolder;
let server: RunningServer;
let locked: RunningServer;
const PASSWORD = 'correct horse';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request with the target sent exactly as written (fetch would normalise `..` away). */
function raw(
  target: string,
  options: { method?: string; headers?: Record<string, string>; port?: number } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: options.port ?? server.port,
        path: target,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** Sends bytes on a bare socket and returns what came back before the server closed it. */
function rawSocket(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.end(bytes));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

function assertRefused(answer: Answer, target: string): void {
  assert.ok(answer.status >= 400 && answer.status < 500, `${target}: ${answer.status}`);
  const text = answer.body.toString('utf8');
  assert.ok(text.length < 200, `${target}: a short message`);
  assert.ok(!text.includes(SECRET), `${target}: no secret`);
  assert.doesNotMatch(text, /\bat .*\(|node:internal|\/tmp\//, `${target}: no stack trace or path`);
}

describe('ficbind serve: HTTP semantics and security', { timeout: 120_000 }, () => {
  before(async () => {
    shelf = await sampleShelf();
    server = await serveBooks({ folder: shelf.out, host: '127.0.0.1', port: 0 });
    locked = await serveBooks({ folder: shelf.out, host: '127.0.0.1', port: 0, password: PASSWORD });
  });
  after(async () => {
    await server?.close();
    await locked?.close();
  });

  const bookUrl = (title: string): string => `/books/${encodeURIComponent(path.basename(shelf.book(title)))}`;

  it('answers Range requests with 206 and exactly those bytes, and 416 for a range past the end', async () => {
    const file = await readFile(shelf.book('The Lantern Road'));
    const first = await raw(bookUrl('The Lantern Road'), { headers: { range: 'bytes=100-1099' } });
    assert.equal(first.status, 206);
    assert.equal(first.headers['content-range'], `bytes 100-1099/${file.length}`);
    assert.equal(first.headers['content-length'], '1000');
    assert.ok(first.body.equals(file.subarray(100, 1100)));
    const tail = await raw(bookUrl('The Lantern Road'), { headers: { range: 'bytes=-500' } });
    assert.ok(tail.body.equals(file.subarray(file.length - 500)));
    const resumed = await raw(bookUrl('The Lantern Road'), { headers: { range: `bytes=${file.length - 10}-` } });
    assert.ok(resumed.body.equals(file.subarray(file.length - 10)));
    const past = await raw(bookUrl('The Lantern Road'), { headers: { range: `bytes=${file.length + 5}-` } });
    assert.equal(past.status, 416);
    assert.equal(past.headers['content-range'], `bytes */${file.length}`);
  });

  it('sends Content-Type, Content-Length, ETag and Last-Modified, answers HEAD without a body and conditional requests with 304', async () => {
    const file = await readFile(shelf.book('The Paper Garden'));
    const get = await raw(bookUrl('The Paper Garden'));
    assert.equal(get.headers['content-type'], 'application/epub+zip');
    assert.equal(get.headers['content-length'], String(file.length));
    assert.equal(get.headers['accept-ranges'], 'bytes');
    assert.ok(get.body.equals(file));
    const head = await raw(bookUrl('The Paper Garden'), { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(file.length));
    assert.equal(head.body.length, 0);
    const etag = String(get.headers.etag);
    const lastModified = String(get.headers['last-modified']);
    assert.ok(etag && !Number.isNaN(Date.parse(lastModified)));
    assert.equal((await raw(bookUrl('The Paper Garden'), { headers: { 'if-none-match': etag } })).status, 304);
    assert.equal(
      (await raw(bookUrl('The Paper Garden'), { headers: { 'if-modified-since': lastModified } })).status,
      304,
    );
    for (const feed of ['/opds', '/opds/new', '/']) {
      const first = await raw(feed);
      assert.ok(first.headers.etag, `${feed}: ETag`);
      assert.equal((await raw(feed, { headers: { 'if-none-match': String(first.headers.etag) } })).status, 304);
    }
  });

  it('refuses traversal, dotfiles, links out of the folder, files that are not books and malformed requests with a short 4xx', async () => {
    const targets = [
      '/books/../../../../etc/passwd',
      '/books/..%2f..%2f..%2fetc%2fpasswd',
      '/books/%2e%2e/%2e%2e/etc/passwd',
      '/books/..%5c..%5cetc%5cpasswd',
      '/books/outside.epub',
      '/books/linked-folder/Outside.epub',
      '/books/linked-folder/secret.txt',
      '/books/.hidden.epub',
      '/books/.private/book.epub',
      '/books/notes.txt',
      '/books/Broken.epub',
      '/books/Salt%20and%20Static.epub%00.txt',
      '/books/%E0%A4%A',
      '/books/',
      '/covers/0123456789abcdef.png',
      '/thumbnails/../../notes.txt',
      '/opds/new?page=0',
      '/opds/new?page=abc',
      '/opds/series/No%20Such%20Series',
      '//etc/passwd',
      '/.git/config',
      '/nothing-here',
    ];
    for (const target of targets) assertRefused(await raw(target), target);
    const post = await raw('/opds', { method: 'POST' });
    assertRefused(post, 'POST /opds');
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET, HEAD');
    for (const request of [
      'GARBAGE\r\n\r\n',
      'GET /opds HTTP/1.1\r\nHost: \u0000\u0001\r\n\r\n',
      'GET http://other.example/ HTTP/1.1\r\nHost: x\r\n\r\n',
    ]) {
      const answer = await rawSocket(request);
      assert.match(answer, /^HTTP\/1\.1 4\d\d /, JSON.stringify(request));
      assert.ok(!answer.includes(SECRET));
    }
    // Still serving after all that.
    assert.equal((await raw('/opds')).status, 200);
  });

  it('escapes what books say about themselves in the page and the feeds', async () => {
    const story = path.join(shelf.out, '..', `hostile-${path.basename(shelf.out)}`);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(story, { recursive: true });
    await writeFile(
      path.join(story, 'hostile.txt'),
      'Title: <script>alert(1)</script> & "Quotes"\nAuthor: <img src=x onerror=alert(2)>\n\nA story with a hostile header.\n',
    );
    const { build } = await import('../../src/index.js');
    await build({ input: story, out: shelf.out, cover: false, cache: false, sourceDateEpoch: 1_700_000_000 });
    const page = (await raw('/')).body.toString('utf8');
    assert.ok(!page.includes('<script>alert'), 'no script element from a title');
    assert.ok(!page.includes('<img src=x'), 'no element from an author');
    assert.match(page, /&#60;script&#62;alert\(1\)&#60;\/script&#62; &#38; &#34;Quotes&#34;|&lt;script&gt;/);
    const feed = (await raw('/opds/new')).body.toString('utf8');
    assert.ok(!feed.includes('<script>'), 'the feed escapes the title');
    assert.match(feed, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp;/);
  });

  it('keeps serving when a client goes away in the middle of a download', async () => {
    const big = path.join(shelf.out, 'Big.epub');
    await writeFile(big, await epubOfSize(24 * 1024 * 1024, 'Big'));
    const size = (await readFile(big)).length;
    for (let attempt = 0; attempt < 5; attempt++) {
      await new Promise<void>((resolve, reject) => {
        const request = httpRequest({ host: '127.0.0.1', port: server.port, path: '/books/Big.epub' }, (response) => {
          response.once('data', () => {
            request.destroy();
            resolve();
          });
        });
        request.on('error', (error) => (request.destroyed ? resolve() : reject(error)));
        request.end();
      });
    }
    const whole = await raw('/books/Big.epub');
    assert.equal(whole.status, 200);
    assert.equal(whole.body.length, size);
  });

  it('with --password, asks for it on every request and answers only when it is given', async () => {
    const targets = [
      '/',
      '/opds',
      '/opds/new',
      '/opds/search.xml',
      bookUrl('Salt and Static'),
      '/nothing-here',
      '/books/../x',
    ];
    const basic = (user: string, password: string): string =>
      `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    for (const target of targets) {
      const none = await raw(target, { port: locked.port });
      assert.equal(none.status, 401, `${target} without a password`);
      assert.match(String(none.headers['www-authenticate']), /^Basic realm="ficbind"/);
      const wrong = await raw(target, { port: locked.port, headers: { authorization: basic('reader', 'wrong') } });
      assert.equal(wrong.status, 401, `${target} with a wrong password`);
      const garbled = await raw(target, { port: locked.port, headers: { authorization: 'Basic !!!' } });
      assert.equal(garbled.status, 401);
    }
    const right = await raw(bookUrl('Salt and Static'), {
      port: locked.port,
      headers: { authorization: basic('kobo', PASSWORD) },
    });
    assert.equal(right.status, 200);
    assert.ok(right.body.equals(await readFile(shelf.book('Salt and Static'))));
    assert.equal(
      (await raw('/opds', { port: locked.port, headers: { authorization: basic('', PASSWORD) } })).status,
      200,
    );
  });
});
