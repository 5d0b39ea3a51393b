// npm run build:web: the web view into dist/public (scripts/web-bundle.ts)
import { buildWeb } from './web-bundle.js'

await buildWeb()
