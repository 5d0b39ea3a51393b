import t from 'tap'
import { asStoreError, isUnavailable, StoreUnavailableError } from '../../src/store/unavailable.js'

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code })

t.test('an unavailable database: network errors, "not now" SQLSTATEs, node-postgres\'s own connection errors', async (t) => {
  const unavailable = [
    withCode('ECONNREFUSED'), withCode('ECONNRESET'), withCode('ETIMEDOUT'), withCode('ENOTFOUND'), withCode('EAI_AGAIN'),
    withCode('08006', 'connection failure'), withCode('08001'), withCode('53300', 'sorry, too many clients already'),
    withCode('57P01', 'terminating connection due to administrator command'), withCode('57P03', 'the database system is starting up'),
    withCode('57014', 'canceling statement due to statement timeout'), withCode('40001'), withCode('40P01'), withCode('25P03'),
    new Error('Connection terminated unexpectedly'),
    new Error('timeout exceeded when trying to connect'),
    new Error('Client has encountered a connection error and is not queryable'),
    new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]),
    new Error('wrapped', { cause: withCode('ECONNRESET') })
  ]
  for (const err of unavailable) t.ok(isUnavailable(err), `${String((err as { code?: string }).code)} ${err.message}`)
})

t.test('anything else is not: refusals, bugs, non-errors', async (t) => {
  const others: unknown[] = [
    withCode('23505', 'duplicate key value violates unique constraint'), withCode('42P01', 'relation "jobs" does not exist'),
    withCode('22P02'), withCode('ERR_SOMETHING'), new TypeError('x is undefined'),
    new AggregateError([]), new AggregateError([withCode('ECONNREFUSED'), new Error('other')]),
    'ECONNREFUSED', undefined, { code: 'ECONNREFUSED', message: 'not an Error' }
  ]
  for (const err of others) t.notOk(isUnavailable(err), String(err))
})

t.test('asStoreError: an unavailable database becomes StoreUnavailableError, the rest passes through', async (t) => {
  const refused = withCode('ECONNREFUSED')
  const mapped = asStoreError(refused, 3)
  t.ok(mapped instanceof StoreUnavailableError)
  t.match(mapped, { name: 'StoreUnavailableError', retryAfterSecs: 3, cause: refused, message: 'The database is unavailable; retry later' })
  t.equal(asStoreError(mapped, 5), mapped, 'already mapped')
  const bug = new TypeError('bug')
  t.equal(asStoreError(bug, 3), bug)
})

t.test('contention (a statement timeout, a lock, a serialization failure) says busy, not unavailable', async (t) => {
  for (const code of ['57014', '55P03', '40001', '40P01']) {
    t.match(asStoreError(withCode(code), 3), { retryAfterSecs: 3, message: /^The database is busy: this request waited too long/ }, code)
  }
  t.match(asStoreError(withCode('57P01'), 3), { message: 'The database is unavailable; retry later' }, 'a shutdown is an outage')
})
