// Types of bundle.js, which stays JavaScript like start.js.
export const EXTERNAL: string[]
export function bundleServer (dist: string): Promise<void>
