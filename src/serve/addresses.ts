import { networkInterfaces } from 'node:os';

export interface ServerAddress {
  url: string;
  /** Where the address works from. */
  reach: 'local network' | 'this computer';
}

/**
 * The addresses to type on a device. A server on every interface (`0.0.0.0`, `::`) is reached
 * through each of the computer's network addresses; one on a given address only through that.
 */
export function serverAddresses(host: string, port: number): ServerAddress[] {
  const url = (address: string): string => `http://${address.includes(':') ? `[${address}]` : address}:${port}/`;
  if (host !== '0.0.0.0' && host !== '::') {
    const loopback = host.startsWith('127.') || host === '::1';
    return [{ url: url(host), reach: loopback ? 'this computer' : 'local network' }];
  }
  const lan = Object.values(networkInterfaces())
    .flat()
    .filter((info) => info && !info.internal && (info.family === 'IPv4' || host === '::'))
    .filter((info) => !info!.address.startsWith('fe80:'))
    .map((info) => ({ url: url(info!.address), reach: 'local network' as const }));
  return [...lan, { url: url(host === '::' ? '::1' : '127.0.0.1'), reach: 'this computer' }];
}
