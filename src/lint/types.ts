// The lint's answers are the contract's types (src/schemas/lint.ts): what the schemas document is what the lint builds

export { WARNING_CODES, type WarningCode } from '../schemas/warning-codes.js'
export type { LintReport, LintWarning, NodeLintReport } from '../schemas/lint.js'
