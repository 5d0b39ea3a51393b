// Writes plugins/validators.generated.ts (npm run validators); test/validators.test.ts fails when it is stale.
import { writeFile } from 'node:fs/promises'
import { validatorsSource } from './validators-source.js'

await writeFile(new URL('../plugins/validators.generated.ts', import.meta.url), await validatorsSource())
