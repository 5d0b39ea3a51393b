import t from 'tap'
import { freeIntervals } from '../../src/coordination/free-ports.js'
import { canonicalHost, DEFAULT_PORT_RANGE, parsePortRange, requestFingerprint } from '../../src/coordination/lease-rules.js'
import { HOST_PATTERN } from '../../src/schemas/host.js'

t.test('parsePortRange', async (t) => {
  t.same(parsePortRange(DEFAULT_PORT_RANGE), { first: 20000, last: 29999 })
  t.same(parsePortRange('1-65535'), { first: 1, last: 65535 })
  t.same(parsePortRange('2222-2222'), { first: 2222, last: 2222 })
  for (const bad of ['', '0-10', '10-9', '1-65536', '20000', '20000-', 'a-b', ' 1-2', '1-2 ', '-1-2']) {
    t.throws(() => parsePortRange(bad), { message: `RUNCONFIG_PORT_RANGE must be FIRST-LAST with 1 ≤ FIRST ≤ LAST ≤ 65535, not ${JSON.stringify(bad)}` }, bad)
  }
})

t.test('freeIntervals: the range minus the held ports', async (t) => {
  const range = { first: 10, last: 20 }
  t.same(freeIntervals(range, []), [{ first: 10, last: 20 }])
  t.same(freeIntervals(range, [10, 11, 15, 20]), [{ first: 12, last: 14 }, { first: 16, last: 19 }])
  t.same(freeIntervals(range, [12, 13]), [{ first: 10, last: 11 }, { first: 14, last: 20 }])
  t.same(freeIntervals(range, Array.from({ length: 11 }, (_, i) => 10 + i)), [])
})

t.test('canonicalHost: names in lower case, IPv6 compressed', async (t) => {
  t.equal(canonicalHost('Node-7.Cluster.LOCAL'), 'node-7.cluster.local')
  t.equal(canonicalHost('10.0.0.7'), '10.0.0.7')
  t.equal(canonicalHost('[FD00:0:0:0:0:0:0:7]'), '[fd00::7]')
  t.equal(canonicalHost('[::ffff:10.0.0.1]'), '[::ffff:a00:1]')
})

t.test('requestFingerprint: defaults applied', async (t) => {
  t.equal(requestFingerprint({ holder: 'h' }), requestFingerprint({ holder: 'h', ttl_secs: 300 }))
  t.not(requestFingerprint({ holder: 'h' }), requestFingerprint({ holder: 'h', port: 300 }))
})

t.test('HOST_PATTERN: host names, IPv4, bracketed IPv6; nothing else', async (t) => {
  const pattern = new RegExp(HOST_PATTERN, 'u')
  const good = ['a', 'node-1', 'Node-1.Example.com', 'host.123', '123.example', 'a'.repeat(63), '10.0.0.7', '255.255.255.255',
    '0.0.0.0', '[::1]', '[::]', '[fd00::7]', '[1:2:3:4:5:6:7:8]', '[::ffff:10.0.0.1]', '[1::]', '[1::8]', '[1:2:3:4:5:6::8]']
  const bad = ['', '-a', 'a-', 'a..b', 'a.', '.a', '10.0.0.256', '010.0.0.1', '12345', '1.2.3', '::1', 'fd00::7',
    '[1:2:3:4:5:6:7:8:9]', '[::1%eth0]', '[1::2::3]', 'a_b', 'a'.repeat(64), '[12345::]', 'a b', '[1:2:3:4:5:6:7]',
    'host:2222', 'a/b', '[::1]:80', 'ünïcode']
  for (const host of good) t.ok(pattern.test(host), host)
  for (const host of bad) t.notOk(pattern.test(host), host)
})
