import { xmlDocument } from './xml.js';

/** META-INF/container.xml: points readers at the package document. */
export function renderContainer(packagePath: string): string {
  const document = xmlDocument('urn:oasis:names:tc:opendocument:xmlns:container', 'container', { version: '1.0' });
  document.root
    .ele('rootfiles')
    .ele('rootfile', { 'full-path': packagePath, 'media-type': 'application/oebps-package+xml' });
  return document.end({ prettyPrint: true });
}
