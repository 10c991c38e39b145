import { create } from 'xmlbuilder2';

/** META-INF/container.xml: points readers at the package document. */
export function renderContainer(packagePath: string): string {
  const container = create({ version: '1.0', encoding: 'UTF-8' }).ele('urn:oasis:names:tc:opendocument:xmlns:container', 'container', {
    version: '1.0',
  });
  container.ele('rootfiles').ele('rootfile', { 'full-path': packagePath, 'media-type': 'application/oebps-package+xml' });
  return `${container.end({ prettyPrint: true })}\n`;
}
