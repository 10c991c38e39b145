// The worker when ficbind runs from its TypeScript source (tsx): Node 20 keeps --import hooks in
// the thread that registered them, so the worker registers tsx itself before loading the real one.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./book-worker.ts');
export const parse = worker.parse;
export const make = worker.make;
