// Where a saved page names its own address: the browser's "saved from" mark, canonical link, og:url.
const OWN_ADDRESS = [
  /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i,
  /<link\b[^>]*\brel=["']?canonical["']?[^>]*\bhref=["']([^"']+)["']/i,
  /<link\b[^>]*\bhref=["']([^"']+)["'][^>]*\brel=["']?canonical\b/i,
  /<meta\b[^>]*\bproperty=["']og:url["'][^>]*\bcontent=["']([^"']+)["']/i,
];
const FFNET_ADDRESS = /\b(?:www\.|m\.)?(fanfiction\.net|fictionpress\.com)\/s\/(\d+)(?:\/(\d+))?/i;
const AO3_ADDRESS = /\barchiveofourown\.org\/works\/(\d+)/i;

/** An archive story: its site and id (`fanfiction.net/s/123`), its own address, and the chapter a page address names. */
export interface ArchiveStory {
  id: string;
  url: string;
  chapter?: number;
}

/** The archive story an address is a page of (fanfiction.net, fictionpress.com, AO3), if it is one. */
export function archiveStory(address: string): ArchiveStory | undefined {
  const ffnet = FFNET_ADDRESS.exec(address);
  if (ffnet) {
    const site = (ffnet[1] as string).toLowerCase();
    return {
      id: `${site}/s/${ffnet[2]}`,
      url: `https://www.${site}/s/${ffnet[2]}`,
      ...(ffnet[3] ? { chapter: Number(ffnet[3]) } : {}),
    };
  }
  const ao3 = AO3_ADDRESS.exec(address);
  return ao3
    ? { id: `archiveofourown.org/works/${ao3[1]}`, url: `https://archiveofourown.org/works/${ao3[1]}` }
    : undefined;
}

/** The archive story a saved page is a page of, from the addresses the page gives itself. */
export function pageArchiveStory(html: string): ArchiveStory | undefined {
  for (const pattern of OWN_ADDRESS) {
    const url = pattern.exec(html)?.[1];
    const story = url === undefined ? undefined : archiveStory(url);
    if (story) return story;
  }
  return undefined;
}

/**
 * A `Source:`/`URL:` value → the story's address: an archive page's address becomes its story's
 * (every chapter page names one story), any other web address is kept as written. Anything but
 * an http(s) address (a note, a `javascript:` link) is not an address.
 */
export function storyUrl(value: string): string | undefined {
  const text = value.trim();
  if (!/^https?:\/\/[^\s/?#]+\.[^\s/?#]+\S*$/i.test(text)) return undefined;
  return archiveStory(text)?.url ?? text;
}
