// Types of build-if-stale.js, which stays JavaScript: npm start runs it before anything is compiled.
export const STAMP: string
export function buildInputs (root: string): string[] | undefined
export function isStale (root: string): boolean
export function buildIfStale (root: string, build?: () => number | null): boolean
