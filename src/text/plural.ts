/** `1 book`, `3 books`, `1,204 stories`: a count and its noun, for the reports people read. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}
