import t from 'tap'
import {
  configProtoOrNull, deviceFnOrNull, distributeConfigOrNull, intOrNull, numberOrNull, objectOrNull, strategyOrNull, stringOrNull
} from '../../../src/tensorflow/wire-values.js'
import { PyFloat } from '../../../src/python/value.js'

t.test('Python values become their API form', async (t) => {
  t.equal(intOrNull(2n ** 60n), 2n ** 60n, 'an int past 2^53 stays exact')
  t.equal(intOrNull(7n), 7)
  t.equal(numberOrNull(new PyFloat(100)), 100, 'a float loses its .0')
  t.same([NaN, Infinity, -Infinity].map((value) => numberOrNull(value)), ['NaN', 'Infinity', '-Infinity'])
  t.equal(stringOrNull(null), null)
  t.same(strategyOrNull({ strategy: 'MirroredStrategy', between_graph: false }), { strategy: 'MirroredStrategy', between_graph: false })
  t.same(deviceFnOrNull({ args: ['op'], name: 'f' }), { args: ['op'], name: 'f' })
  t.same(distributeConfigOrNull({ train_distribute: null, eval_distribute: null, remote_cluster: 'x' }),
    { train_distribute: null, eval_distribute: null, remote_cluster: 'x' })
  const proto = { allowSoftPlacement: true }
  t.equal(configProtoOrNull(proto), proto, 'a canonical ConfigProto is shown as is, not copied')
})

t.test('what only a direct call can hold (the schemas refuse it) is shown as TensorFlow holds it', async (t) => {
  t.equal(intOrNull(true), true, "Python's True is an int")
  t.equal(strategyOrNull('x'), 'x')
  t.same(objectOrNull(['a']), ['a'])
})
