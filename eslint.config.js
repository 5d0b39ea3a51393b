import neostandard from 'neostandard'

export default [
  ...neostandard({ ts: true, ignores: ['dist/**', 'coverage/**', '.tap/**', 'client/api.ts', 'plugins/validators.generated.ts'] })
]
