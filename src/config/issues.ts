import type { ZodIssue } from 'zod';

/** `series[1].stories[0]`, the way a person reads the file. */
export function keyPath(issue: ZodIssue): string {
  if (issue.path.length === 0) return '(top level)';
  return issue.path
    .map((part, i) =>
      typeof part === 'number'
        ? `[${part}]`
        : i === 0
          ? part
          : /^[A-Za-z_$][\w$]*$/.test(part)
            ? `.${part}`
            : `[${JSON.stringify(part)}]`,
    )
    .join('');
}

/** What is wrong, in words that do not depend on where the value was typed (flag, key or argument). */
export function describeIssue(issue: ZodIssue): string {
  if (issue.code === 'invalid_type')
    return `expected ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}, got ${issue.received}`;
  if (issue.code === 'unrecognized_keys')
    return `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_enum_value')
    return `expected ${oneOf(issue.options.map((o) => `"${String(o)}"`))}, got "${String(issue.received)}"`;
  return issue.message;
}

/** `"a"`, `"a" or "b"`, `"a", "b" or "c"`. */
function oneOf(choices: readonly string[]): string {
  return choices.length <= 2 ? choices.join(' or ') : `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
}
