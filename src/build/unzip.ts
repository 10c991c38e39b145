import JSZip from 'jszip';

// A story's book holds text and a few images; a larger entry is a zip bomb or not a story.
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

/**
 * A zipped book's entries, by their path inside it (folders left out), or undefined when the
 * bytes are not a zip. jszip is asynchronous, so this is done here and parse/epub/ gets the entries.
 */
export async function unzipEntries(bytes: Uint8Array): Promise<Map<string, Uint8Array> | undefined> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch {
    return undefined;
  }
  const entries = new Map<string, Uint8Array>();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    try {
      const data = await entry.async('uint8array');
      if (data.length <= MAX_ENTRY_BYTES) entries.set(entry.name, data);
    } catch {
      // A damaged entry is as good as missing: the reader of the book reports what it lacks.
    }
  }
  return entries;
}
