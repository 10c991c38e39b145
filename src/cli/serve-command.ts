import { InvalidArgumentError, type Command } from 'commander';
import { renderUnicodeCompact } from 'uqr';
import { build } from '../build/build.js';
import { watch } from '../build/watch.js';
import { DEFAULT_OPTIONS } from '../config/options.js';
import { serverAddresses, type ServerAddress } from '../serve/addresses.js';
import { DEFAULT_HOST, DEFAULT_PORT, serveBooks } from '../serve/server.js';
import { formatBuildReport } from './build-report.js';

interface ServeFlags {
  host: string;
  port: number;
  password?: string;
  watch?: boolean;
  input: string;
  kobo?: boolean;
  qr: boolean;
}

const EXAMPLES = `
Examples:
  $ ficbind serve                         serve ./out on the local network, port ${DEFAULT_PORT}
  $ ficbind serve ~/books --port 9000     another folder and port
  $ ficbind serve --password s3cret       every request needs the password (shared networks)
  $ ficbind serve --watch --kobo          build ./stories into ./out, serve it, rebuild on change`;

/** `ficbind serve [folder]`: parses flags, starts the server, prints where to find it, waits for Ctrl+C. */
export function addServeCommand(cli: Command): void {
  cli
    .command('serve')
    .description(
      'serve a folder of books on the local network: an OPDS catalog for reading apps at /opds, a shelf page for browsers at /',
    )
    .argument('[folder]', 'folder of books', DEFAULT_OPTIONS.out)
    .option('--host <address>', 'address to listen on (127.0.0.1: this computer only)', DEFAULT_HOST)
    .option('--port <n>', 'port to listen on (0: any free port)', parsePort, DEFAULT_PORT)
    .option('--password <password>', 'ask every client for this password (HTTP basic auth, any user name)')
    .option('-w, --watch', 'also build the stories into the folder, and rebuild whenever a story changes')
    .option('--input <dir>', 'with --watch: folder of stories', DEFAULT_OPTIONS.input)
    .option('--kobo', 'with --watch: also write NAME.kepub.epub for Kobo readers')
    .option('--no-qr', 'print no QR code')
    .addHelpText('after', EXAMPLES)
    .action(async (folder: string, flags: ServeFlags) => {
      const print = (line: string): void => void process.stdout.write(`${line}\n`);
      const rebuild = async (): Promise<void> => {
        const result = await build({ input: flags.input, out: folder, kobo: flags.kobo === true });
        print(formatBuildReport(result, { listBooks: false }));
      };
      if (flags.watch) await rebuild();
      const server = await serveBooks({
        folder,
        host: flags.host,
        port: flags.port,
        ...(flags.password === undefined ? {} : { password: flags.password }),
        log: (line) => void process.stderr.write(`${line}\n`),
      });
      print(serveBanner(folder, serverAddresses(server.host, server.port), flags));
      if (flags.watch) await watch([flags.input], rebuild, (line) => process.stderr.write(`${line}\n`));
      else await interrupted();
      await server.close();
    });
}

/** Where to point a device, and a QR code of the first address for phones. */
export function serveBanner(
  folder: string,
  addresses: readonly ServerAddress[],
  flags: Pick<ServeFlags, 'qr' | 'password'>,
): string {
  const width = Math.max(...addresses.map((a) => a.url.length));
  const lines = [
    `Serving the books in ${folder}. On an e-reader or phone, open:`,
    ...addresses.map((a) => `  ${a.url.padEnd(width)}  (${a.reach})`),
    `Reading apps (KOReader, Moon+ Reader, Thorium): add the OPDS catalog ${addresses[0]!.url}opds`,
  ];
  if (flags.password !== undefined) lines.push('Clients ask for a password: any user name, and the password given.');
  const lan = addresses.find((a) => a.reach === 'local network');
  if (flags.qr && lan) lines.push('', renderUnicodeCompact(lan.url));
  lines.push('Press Ctrl+C to stop.');
  return lines.join('\n');
}

function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return port;
}
