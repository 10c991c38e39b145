/**
 * The benchmark corpus: saved stories in the shapes ficbind reads, generated from a seed so the
 * same seed always gives the same bytes. Story i depends only on (seed, i), so the corpus at
 * scale 10 holds the scale 1 corpus plus 1 800 more stories.
 *
 * Prose must compress like real prose (gzip ≈ 2.4:1), or the floor (gzip) and the zip step of
 * every contender would be unrealistically cheap: words come from 30 000 pseudo-words with a
 * Zipf–Mandelbrot distribution, in sentences and paragraphs of varied length with dialogue.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Bump when the generator changes, so cached corpora are rebuilt. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 0x5eed_f1c;
export const STORIES_PER_SCALE = 200;

const VOCABULARY_SIZE = 30_000;
const ZIPF_EXPONENT = 1.08;
const ZIPF_SHIFT = 2.7; // Mandelbrot's q: flattens the head as in English word counts.
const COLLOCATING = 3_000;
// Words of up to FREQUENT_LENGTH letters share the top ranks: a language's commonest words are
// short but not one letter ("the", "and", "was"), and that is what gives gzip its matches.
const MIN_WORD_LENGTH = 2;
const FREQUENT_LENGTH = 4;
const SUCCESSORS = 8;
const COLLOCATION_RATE = 0.55;

export interface CorpusManifest {
  generator: number;
  seed: number;
  scale: number;
  stories: number;
  files: number;
  bytes: number;
  gzipBytes: number;
  gzipRatio: number;
}

// ---------------------------------------------------------------- random numbers

/** mulberry32: a small, fast, seedable 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a seed with indices into a new seed (so story i never depends on story i-1). */
function deriveSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}

// ---------------------------------------------------------------- vocabulary

// Ordered by how common they are in English; picks favour the front of each list.
const ONSETS = [
  '',
  't',
  's',
  'h',
  'w',
  'm',
  'b',
  'l',
  'th',
  'f',
  'r',
  'd',
  'p',
  'n',
  'c',
  'g',
  'st',
  'wh',
  'k',
  'sh',
  'br',
  'tr',
  'gr',
  'cl',
  'fl',
  'pl',
  'sp',
  'ch',
  'dr',
  'cr',
  'fr',
  'bl',
  'sl',
  'v',
  'y',
  'j',
  'sk',
  'sm',
  'sn',
  'str',
  'wr',
  'gl',
  'pr',
  'sc',
  'z',
];
const NUCLEI = ['e', 'a', 'o', 'i', 'ea', 'u', 'ou', 'ee', 'ai', 'oo', 'ie', 'y', 'oa'];
const CODAS = [
  '',
  'n',
  'r',
  's',
  't',
  'd',
  'l',
  'th',
  'nd',
  'st',
  'll',
  'ng',
  'm',
  'nt',
  'rs',
  'ck',
  'rt',
  'sh',
  'ss',
  'rd',
  'wn',
  'x',
];
const SYLLABLE_COUNTS = [1, 1, 1, 2, 2, 2, 2, 3, 3, 4];
const PART_SKEW = 1.8;

function pickSkewed<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(Math.pow(random.float(), PART_SKEW) * items.length)] as T;
}

function syllable(random: Random): string {
  return pickSkewed(random, ONSETS) + pickSkewed(random, NUCLEI) + pickSkewed(random, CODAS);
}

export interface Vocabulary {
  words: string[];
  /** Cumulative Zipf–Mandelbrot weights, normalised to end at 1. */
  cdf: Float64Array;
  /** For the COLLOCATING most frequent words, SUCCESSORS favourite next words each (ranks). */
  successors: Int32Array;
}

/** 30 000 distinct pseudo-words; the shorter ones get the frequent ranks, as in real languages. */
export function buildVocabulary(seed: number): Vocabulary {
  const random = new Random(deriveSeed(seed, 0xfeed));
  const seen = new Set<string>();
  const ranked: Array<{ word: string; key: number }> = [];
  while (ranked.length < VOCABULARY_SIZE) {
    const count = random.pick(SYLLABLE_COUNTS);
    let word = '';
    for (let i = 0; i < count; i++) word += syllable(random);
    if (seen.has(word) || word.length < MIN_WORD_LENGTH) continue;
    seen.add(word);
    ranked.push({ word, key: Math.max(word.length, FREQUENT_LENGTH) + random.float() * 4 });
  }
  ranked.sort((a, b) => a.key - b.key);
  const cdf = new Float64Array(VOCABULARY_SIZE);
  let total = 0;
  for (let rank = 0; rank < VOCABULARY_SIZE; rank++) {
    total += 1 / Math.pow(rank + 1 + ZIPF_SHIFT, ZIPF_EXPONENT);
    cdf[rank] = total;
  }
  for (let rank = 0; rank < VOCABULARY_SIZE; rank++) cdf[rank] = (cdf[rank] as number) / total;
  const vocabulary: Vocabulary = {
    words: ranked.map((r) => r.word),
    cdf,
    successors: new Int32Array(COLLOCATING * SUCCESSORS),
  };
  for (let i = 0; i < vocabulary.successors.length; i++) vocabulary.successors[i] = drawRank(vocabulary, random);
  return vocabulary;
}

function drawRank(vocabulary: Vocabulary, random: Random): number {
  const u = random.float();
  let lo = 0;
  let hi = vocabulary.cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((vocabulary.cdf[mid] as number) < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function drawWord(vocabulary: Vocabulary, random: Random): string {
  return vocabulary.words[drawRank(vocabulary, random)] as string;
}

/**
 * The next word of running prose: often one of the previous word's favourite successors, which
 * gives the collocations ("of the", "she said") that real prose repeats and gzip finds.
 */
function nextRank(vocabulary: Vocabulary, random: Random, previous: number): number {
  if (previous >= 0 && previous < COLLOCATING && random.chance(COLLOCATION_RATE)) {
    const slot = Math.floor(Math.pow(random.float(), 2) * SUCCESSORS);
    return vocabulary.successors[previous * SUCCESSORS + slot] as number;
  }
  return drawRank(vocabulary, random);
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

// ---------------------------------------------------------------- prose

const SPEECH_VERBS = [
  'said',
  'said',
  'said',
  'asked',
  'whispered',
  'replied',
  'muttered',
  'called',
  'snapped',
  'admitted',
];
const SCENE_BREAKS = ['~ ~ ~', '~ ~ ~ ~', '* * *', 'o0o'];
const RATINGS = ['K', 'K+', 'T', 'T', 'M', 'G', 'PG-13'];

/** What one story looks like: its people, quotes and scene-break style. */
interface Voice {
  vocabulary: Vocabulary;
  random: Random;
  cast: string[];
  open: string;
  close: string;
  sceneBreak: string;
}

function makeName(random: Random): string {
  let name = '';
  const count = random.int(1, 3);
  for (let i = 0; i < count; i++) name += syllable(random);
  return capitalise(name);
}

function words(voice: Voice, count: number): string[] {
  const out: string[] = [];
  let previous = -1;
  for (let i = 0; i < count; i++) {
    let word: string;
    if (voice.random.chance(0.025)) {
      word = voice.random.pick(voice.cast);
      previous = -1;
    } else {
      previous = nextRank(voice.vocabulary, voice.random, previous);
      word = voice.vocabulary.words[previous] as string;
    }
    if (voice.random.chance(0.006)) word = `*${word}*`;
    else if (i < count - 1 && voice.random.chance(0.07)) word += voice.random.chance(0.85) ? ',' : ';';
    out.push(word);
  }
  return out;
}

/** 2 to 40 words, most around 10–16, as in fiction. */
function sentenceLength(random: Random): number {
  return Math.max(2, Math.min(40, Math.round(Math.exp(2.45 + 0.5 * random.normal()))));
}

function sentence(voice: Voice, ending?: string): string {
  const parts = words(voice, sentenceLength(voice.random));
  parts[0] = capitalise(parts[0] as string);
  const r = voice.random.float();
  const end = ending ?? (r < 0.84 ? '.' : r < 0.91 ? '?' : r < 0.96 ? '!' : '...');
  return parts.join(' ').replace(/[,;]$/, '') + end;
}

function narrative(voice: Voice): string {
  const count = Math.max(1, Math.min(12, Math.round(Math.exp(1.2 + 0.6 * voice.random.normal()))));
  const sentences: string[] = [];
  for (let i = 0; i < count; i++) sentences.push(sentence(voice));
  return sentences.join(' ');
}

function dialogue(voice: Voice): string {
  const { random, open, close } = voice;
  const speaker = random.pick(voice.cast);
  const verb = random.pick(SPEECH_VERBS);
  const first = sentence(voice, random.chance(0.6) ? ',' : '?');
  const tag = random.chance(0.5) ? `${speaker} ${verb}` : `${verb} ${speaker}`;
  if (random.chance(0.35)) return `${open}${sentence(voice)}${close}`;
  if (random.chance(0.5)) return `${open}${first}${close} ${tag}.`;
  const more: string[] = [];
  for (let i = random.int(1, 3); i > 0; i--) more.push(sentence(voice));
  return `${open}${first}${close} ${tag}. ${open}${more.join(' ')}${close}`;
}

/** Paragraphs (with the odd scene break) until the chapter reaches about `budget` characters. */
function chapterBody(voice: Voice, budget: number): string[] {
  const lines: string[] = [];
  let size = 0;
  let sinceBreak = 0;
  while (size < budget) {
    if (sinceBreak > 12 && voice.random.chance(0.04)) {
      lines.push(voice.sceneBreak);
      sinceBreak = 0;
    }
    const paragraph = voice.random.chance(0.38) ? dialogue(voice) : narrative(voice);
    lines.push(paragraph);
    size += paragraph.length + 2;
    sinceBreak++;
  }
  return lines;
}

function titleWords(voice: Voice, min: number, max: number): string {
  const parts: string[] = [];
  for (let i = voice.random.int(min, max); i > 0; i--) parts.push(capitalise(drawWord(voice.vocabulary, voice.random)));
  return parts.join(' ');
}

// ---------------------------------------------------------------- stories

type Shape = 'series-field' | 'series-summary' | 'chapter-folder' | 'no-header' | 'plain';

/** Where story i sits in its block of 20: 3 parts of a `Series:` series, 2 of a summary series, … */
function shapeOf(index: number): { shape: Shape; part?: number } {
  const position = index % 20;
  if (position <= 2) return { shape: 'series-field', part: position + 1 };
  if (position === 7 || position === 8) return { shape: 'series-summary', part: position - 6 };
  if (position === 13) return { shape: 'chapter-folder' };
  if (position === 17) return { shape: 'no-header' };
  return { shape: 'plain' };
}

interface GeneratedFile {
  /** Path relative to the corpus folder. */
  path: string;
  text: string;
}

function slugOf(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'story'
  );
}

/** One story as one file, or as a folder of chapter files. Depends only on (seed, index). */
export function generateStory(seed: number, index: number, vocabulary: Vocabulary): GeneratedFile[] {
  const random = new Random(deriveSeed(seed, index));
  const { shape, part } = shapeOf(index);
  // The two series of a block of 20 stories each get their own name and author.
  const block = new Random(deriveSeed(seed, 0xb10c, Math.floor(index / 20), shape === 'series-field' ? 1 : 2));
  const curly = random.chance(0.3);
  const voice: Voice = {
    vocabulary,
    random,
    cast: Array.from({ length: random.int(2, 5) }, () => makeName(random)),
    open: curly ? '“' : '"',
    close: curly ? '”' : '"',
    sceneBreak: random.pick(SCENE_BREAKS),
  };
  // Series stories share the block's series name and author.
  const seriesVoice: Voice = { ...voice, random: block };
  const seriesName = titleWords(seriesVoice, 2, 4);
  const seriesAuthor = `${makeName(block)} ${makeName(block)}`;

  // Story size: log-normal, median ~38 KB, long tail to ~1 MB (mean ~60 KB).
  const budget = Math.max(3_000, Math.min(1_200_000, Math.round(38_000 * Math.exp(0.9 * random.normal()))));
  const oneShot = shape !== 'chapter-folder' && budget < 20_000;
  const chapterCount = oneShot ? 1 : Math.max(2, Math.round(budget / random.int(8_000, 20_000)));
  const perChapter = budget / chapterCount;

  const title = titleWords(voice, 1, 5);
  const author =
    shape === 'series-field' || shape === 'series-summary' ? seriesAuthor : `${makeName(random)} ${makeName(random)}`;
  const header: string[] = [`Title: ${title}`, `Author: ${author}`, `Rating: ${random.pick(RATINGS)}`];
  if (random.chance(0.4)) header.push(`Pairing: ${voice.cast[0]}/${voice.cast[1]}`);
  if (random.chance(0.5)) header.push(`Disclaimer: ${sentence(voice)}`);
  const summarySentences = Array.from({ length: random.int(1, 3) }, () => sentence(voice));
  if (shape === 'series-summary') summarySentences.push(`Part ${part} in ${seriesName}.`);
  header.push(`Summary: ${summarySentences.join(' ')}`);
  if (shape === 'series-field') header.push(`Series: ${seriesName}, Part ${part}`);

  const chapters: string[][] = [];
  const prologue = !oneShot && random.chance(0.12);
  for (let c = 0; c < chapterCount; c++) {
    const lines: string[] = [];
    if (!oneShot) {
      if (c === 0 && prologue) lines.push('Prologue');
      else {
        const number = prologue ? c : c + 1;
        lines.push(random.chance(0.7) ? `Chapter ${number}: ${titleWords(voice, 1, 4)}` : `Chapter ${number}`);
      }
    }
    lines.push(...chapterBody(voice, c === 0 && prologue ? perChapter / 3 : perChapter));
    chapters.push(lines);
  }

  const id = index.toString(36).padStart(3, '0');
  const name = `${slugOf(title)}-${id}`;
  const joined = (blocks: string[][]): string => `${blocks.map((b) => b.join('\n\n')).join('\n\n')}\n`;
  const headerText = header.join('\n');
  if (shape === 'chapter-folder') {
    return chapters.map((lines, c) => ({
      path: `${name}/ch${c + 1}.txt`,
      text: c === 0 ? joined([[headerText], lines]) : joined([lines]),
    }));
  }
  if (shape === 'no-header') return [{ path: `${name}.txt`, text: joined([[title], ...chapters]) }];
  return [{ path: `${name}.txt`, text: joined([[headerText], ...chapters]) }];
}

// ---------------------------------------------------------------- the cached corpus

export function corpusFolder(root: string, scale: number): string {
  return path.join(root, `corpus-scale-${scale}`);
}

function manifestPath(root: string, scale: number): string {
  return path.join(root, `corpus-scale-${scale}.manifest.json`);
}

/** The corpus at this scale: reused when a complete one with the same generator and seed exists. */
export function ensureCorpus(
  root: string,
  scale: number,
  seed = DEFAULT_SEED,
  log: (line: string) => void = () => {},
): CorpusManifest {
  const folder = corpusFolder(root, scale);
  const manifestFile = manifestPath(root, scale);
  if (existsSync(manifestFile) && existsSync(folder)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as CorpusManifest;
    if (manifest.generator === GENERATOR_VERSION && manifest.seed === seed && manifest.scale === scale) {
      log(`corpus: reusing ${path.relative(process.cwd(), folder)}`);
      return manifest;
    }
  }
  log(`corpus: generating ${STORIES_PER_SCALE * scale} stories into ${path.relative(process.cwd(), folder)} ...`);
  const started = performance.now();
  // Write beside the final folder and rename, so a killed run never leaves a corpus that looks complete.
  rmSync(manifestFile, { force: true });
  const partial = `${folder}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const vocabulary = buildVocabulary(seed);
  let files = 0;
  let bytes = 0;
  let gzipBytes = 0;
  for (let index = 0; index < STORIES_PER_SCALE * scale; index++) {
    for (const file of generateStory(seed, index, vocabulary)) {
      const target = path.join(partial, file.path);
      mkdirSync(path.dirname(target), { recursive: true });
      const data = Buffer.from(file.text, 'utf8');
      writeFileSync(target, data);
      files++;
      bytes += data.length;
      gzipBytes += gzipSync(data, { level: 6 }).length;
    }
  }
  rmSync(folder, { recursive: true, force: true });
  renameSync(partial, folder);
  const manifest: CorpusManifest = {
    generator: GENERATOR_VERSION,
    seed,
    scale,
    stories: STORIES_PER_SCALE * scale,
    files,
    bytes,
    gzipBytes,
    gzipRatio: bytes / gzipBytes,
  };
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  log(`corpus: generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return manifest;
}

/** Every file under a folder, relative paths, sorted; dot-files skipped (as ficbind does). */
export function listFiles(folder: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(folder, prefix)).sort()) {
    if (name.startsWith('.')) continue;
    const relative = prefix ? `${prefix}/${name}` : name;
    if (statSync(path.join(folder, relative)).isDirectory()) out.push(...listFiles(folder, relative));
    else out.push(relative);
  }
  return out;
}
