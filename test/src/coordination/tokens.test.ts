import t from 'tap'
import { newLeaseId } from '../../../src/coordination/lease-rules.js'
import { newToken, randomSecret, tokenMatches } from '../../../src/coordination/tokens.js'

t.test('secrets are base64url and never start with "-" (they follow command-line flags)', async (t) => {
  // without the rule, one in 64 starts with '-': 2,000 of them all pass by luck once in 10^13
  const secrets = Array.from({ length: 2_000 }, () => randomSecret(24))
  t.same(secrets.filter((secret) => secret.startsWith('-')), [])
  t.same(secrets.filter((secret) => !/^[A-Za-z0-9_-]{32}$/.test(secret)), [])
  t.equal(new Set(secrets).size, secrets.length, 'all different')
  t.match(newToken(), /^[A-Za-z0-9_][A-Za-z0-9_-]{31}$/)
  t.match(newLeaseId(), /^[A-Za-z0-9_][A-Za-z0-9_-]{42}$/)
})

t.test('tokenMatches: the same token only', async (t) => {
  const token = newToken()
  t.ok(tokenMatches(token, token))
  t.notOk(tokenMatches(token.slice(1), token))
  t.notOk(tokenMatches(undefined, token))
  t.notOk(tokenMatches(token, undefined))
})
