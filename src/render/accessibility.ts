import { plural } from '../text/plural.js';
import type { ContentFacts } from './content-facts.js';

/**
 * A book's accessibility metadata (EPUB Accessibility 1.1, schema.org properties), decided from
 * what its rendered documents hold (content-facts.ts), so each claim is true of this book.
 */
export interface AccessibilityMetadata {
  /** `schema:accessMode`: the senses the content is made for. */
  accessModes: string[];
  /** `schema:accessModeSufficient`: each set of senses that is enough to read all of it. */
  accessModesSufficient: string[];
  /** `schema:accessibilityFeature` */
  features: string[];
  /** `schema:accessibilityHazard` */
  hazards: string[];
  /** `schema:accessibilitySummary`: one paragraph in plain words, with what the book lacks. */
  summary: string;
  /** `dcterms:conformsTo` and its `a11y:certifiedBy`, only when the book meets the level. */
  conformance?: { conformsTo: string; certifiedBy: string };
}

/**
 * Level A, never AA: AA asks that every passage in another language be marked (WCAG 3.1.2), and
 * ficbind knows a story's language but not the French line inside an English story; and a
 * generated cover is an image of text (1.4.5). docs/decisions.md, "Accessibility metadata".
 */
export const CONFORMS_TO = 'EPUB Accessibility 1.1 - WCAG 2.2 Level A';
/** The evaluator (EPUB Accessibility 1.1 §4.2.1): the tool that wrote and checked the markup. */
export const CERTIFIED_BY = 'ficbind';

export function describeAccessibility(facts: ContentFacts): AccessibilityMetadata {
  const visual = facts.imageFiles.length > 0 || facts.images.length > 0;
  const undescribed = facts.images.filter((image) => image.alt === undefined);
  const described = facts.images.filter((image) => image.alt !== undefined && image.alt.trim() !== '');
  const textSuffices = facts.hasText && undescribed.length === 0;
  const headings = facts.hasText && facts.documentsWithoutHeading.length === 0;

  const accessModes = [...(facts.hasText ? ['textual'] : []), ...(visual ? ['visual'] : [])];
  const accessModesSufficient = visual
    ? ['textual,visual', ...(textSuffices ? ['textual'] : [])]
    : textSuffices
      ? ['textual']
      : [];
  const features = [
    ...(headings ? ['structuralNavigation'] : []),
    ...(facts.hasTableOfContents ? ['tableOfContents'] : []),
    // One column of text in spine order; author's notes are marked as notes, so they can be skipped.
    ...(facts.hasText ? ['readingOrder'] : []),
    ...(described.length > 0 && undescribed.length === 0 ? ['alternativeText'] : []),
    // Reflowable, and the stylesheet sets no font, size or colour: the reader's settings apply.
    'displayTransformability',
    ...(facts.usesAriaRoles ? ['ARIA'] : []),
  ];
  const hazards = facts.mediaElements.length === 0 ? ['none'] : ['unknown'];
  const meetsLevelA =
    textSuffices && headings && facts.mediaElements.length === 0 && facts.documentsWithoutTitleOrLanguage.length === 0;
  return {
    accessModes,
    accessModesSufficient,
    features,
    hazards,
    summary: summary(facts, { visual, undescribed: undescribed.length, headings, meetsLevelA }),
    ...(meetsLevelA ? { conformance: { conformsTo: CONFORMS_TO, certifiedBy: CERTIFIED_BY } } : {}),
  };
}

function summary(
  facts: ContentFacts,
  found: { visual: boolean; undescribed: number; headings: boolean; meetsLevelA: boolean },
): string {
  const sentences = [imagesSentence(facts, found)];
  if (found.headings && facts.hasTableOfContents)
    sentences.push('Every page of text starts with a heading, and the table of contents leads to each one.');
  else if (facts.hasTableOfContents) sentences.push('The table of contents leads to each part.');
  sentences.push("The text reflows to fit the screen and takes the reader's own font, size and colours.");
  if (facts.languages.length > 1)
    sentences.push("Stories in another language than the book's are marked with their own language.");
  sentences.push(
    facts.mediaElements.length === 0
      ? 'Nothing in it flashes, moves or makes a sound.'
      : 'It holds media or scripts that ficbind has not checked for flashing, motion or sound.',
  );
  if (found.meetsLevelA)
    sentences.push(
      'It meets WCAG 2.2 Level A, as checked by ficbind when it made the book; words in another language inside a story are not marked as such, so it claims no higher level.',
    );
  return sentences.join(' ');
}

/** What the book shows besides text, and whether each image is described in words. */
function imagesSentence(facts: ContentFacts, found: { visual: boolean; undescribed: number }): string {
  if (!found.visual) return 'This book is text only.';
  if (facts.images.length === 0) return 'This book is text, with a cover image that is not shown on a page.';
  const cover = facts.images.some((image) => image.cover);
  const others = facts.images.filter((image) => !image.cover).length;
  const shown = [
    ...(cover ? ['a cover image'] : []),
    ...(others > 0 ? [plural(others, cover ? 'other image' : 'image', cover ? 'other images' : 'images')] : []),
  ].join(' and ');
  if (found.undescribed === 0) return `This book is text, with ${shown} described in words.`;
  return `This book is text, with ${shown}; ${plural(found.undescribed, 'image has', 'images have')} no description in words.`;
}
