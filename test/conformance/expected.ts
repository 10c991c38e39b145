/** What a reader should show for each book the sample stories make, in either book shape. */
export const SAMPLE_BOOKS: Record<string, { author: string; series: { name: string; position: number } | null }> = {
  'The Lantern Road': { author: 'Wren Alder', series: { name: 'The Lantern Road', position: 1 } },
  'First Light': { author: 'Wren Alder', series: { name: 'The Lantern Road', position: 1 } },
  'The Far Shore': { author: 'Wren Alder', series: { name: 'The Lantern Road', position: 2 } },
  "The Clockmaker's Apprentice": { author: 'Tamsin Quillfeather', series: null },
  'The Paper Garden': { author: 'Juniper Ashcombe', series: null },
  'Salt and Static': { author: 'Unknown', series: null },
};
