import t from 'tap'
import { hasValidPort, hostOf, isLoopbackHost } from '../../../src/lint/address.js'
import { isHostName, isIPv6, isValidHost, unsafeCharacters } from '../../../src/lint/host-name.js'
import { pointerToken } from '../../../src/lint/pointer.js'

t.test('hostOf: in brackets, before the only colon, else the whole text', async (t) => {
  const cases: Array<[string, string]> = [
    ['h:1', 'h'], ['[::1]:2222', '::1'], ['[::1]', '::1'], ['::1', '::1'], ['::1:2222', '::1:2222'],
    ['localhost', 'localhost'], [':1', ''], ['', '']
  ]
  t.strictSame(cases.map(([address]) => [address, hostOf(address)]), cases)
})

t.test('hasValidPort: host:port with a port from 1 to 65535', async (t) => {
  const cases: Array<[string, boolean]> = [
    ['h:1', true], ['h:65535', true], ['10.0.0.1:2222', true], ['[::1]:2222', true], ['[fe80::1%eth0]:80', true],
    ['h:0', false], ['h:65536', false], ['h:123456', false], ['h:', false], ['h', false], [':1', false],
    ['::1:2222', false], ['[::1]', false], ['[::1]2222', false], ['[]:1', false], ['h:1x', false], ['h: 1', false],
    ['h:-1', false], ['a]:1', false], ['', false]
  ]
  t.strictSame(cases.map(([address]) => [address, hasValidPort(address)]), cases)
})

t.test('isLoopbackHost: names and addresses of the machine itself', async (t) => {
  const cases: Array<[string, boolean]> = [
    ['localhost', true], ['LOCALHOST', true], ['localhost.', true], ['worker.localhost', true], ['127.0.0.1', true],
    ['127.1.2.3', true], ['::1', true], ['0:0:0:0:0:0:0:1', true], ['0000:0000:0000:0000:0000:0000:0000:0001', true],
    ['localhostx', false], ['mylocalhost', false], ['128.0.0.1', false], ['10.127.0.1', false], ['::2', false],
    ['host0', false], ['', false]
  ]
  t.strictSame(cases.map(([host]) => [host, isLoopbackHost(host)]), cases)
})

t.test('pointerToken escapes ~ and / (RFC 6901)', async (t) => {
  t.strictSame([pointerToken('worker'), pointerToken(3), pointerToken('a/b~c'), pointerToken('~1')],
    ['worker', '3', 'a~1b~0c', '~01'])
})

t.test('unsafeCharacters: each once, printable ones quoted, a space named, the others as U+', async (t) => {
  t.strictSame(unsafeCharacters('w-0.example.com:2222'), [])
  t.strictSame(unsafeCharacters('$(id) $(id):1'), ['"$"', '"("', '")"', 'a space'])
  t.strictSame(unsafeCharacters('a\nb\u202ec`d\'e"f\\g;h&i|j<k>l*m?n!o#p~q{r}s^t'),
    ['U+000A', 'U+202E', '"`"', '"\'"', '"\\""', '"\\\\"', '";"', '"&"', '"|"', '"<"', '">"', '"*"', '"?"', '"!"', '"#"', '"~"', '"{"', '"}"', '"^"'])
})

t.test('isHostName: RFC 1123 labels, at most 253 characters, not all-digit at the top', async (t) => {
  const cases: Array<[string, boolean]> = [
    ['w', true], ['w-0.svc.cluster.local', true], ['3com.net', true], ['a.', true], [`${'a'.repeat(63)}.b`, true],
    [Array(127).fill('a').join('.'), true], [Array(128).fill('a').join('.'), false], [`${'a'.repeat(64)}`, false],
    ['', false], ['.', false], ['-a', false], ['a-', false], ['a..b', false], ['a_b', false], ['hôte', false],
    ['10.0.0.256', false], ['1.2.3', false], ['a.123', false]
  ]
  t.strictSame(cases.map(([host]) => [host, isHostName(host)]), cases)
})

t.test('isIPv6: the RFC 4291 text forms', async (t) => {
  const cases: Array<[string, boolean]> = [
    ['::', true], ['::1', true], ['1::', true], ['fe80::1%eth0', true], ['1:2:3:4:5:6:7:8', true], ['1:2:3:4:5:6::8', true],
    ['::ffff:10.0.0.1', true], ['1:2:3:4:5:6:10.0.0.1', true], ['ABCD::ef01', true],
    ['1:2:3:4:5:6:7', false], ['1:2:3:4:5:6:7:8:9', false], ['1::2::3', false], [':1::', false], ['12345::', false],
    ['::g', false], ['::10.0.0.256', false], ['1:2:3:4:5:6:7:10.0.0.1', false], ['fe80::1%', false], ['fe80::1%a%b', false], ['', false]
  ]
  t.strictSame(cases.map(([text]) => [text, isIPv6(text)]), cases)
})

t.test('isValidHost: the host of a host:port address', async (t) => {
  t.strictSame(['w:1', '10.0.0.1:1', '[::1]:1', 'w_1:1', '[w]:1', '10.0.0.256:1'].map(isValidHost), [true, true, true, false, false, false])
})
