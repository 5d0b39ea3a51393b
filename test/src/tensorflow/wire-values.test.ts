import t from 'tap'
import {
  configProtoOrNull, deviceFnOrNull, distributeConfigOrNull, intOrNull, numberOrNull, objectOrNull, strategyOrNull, stringOrNull
} from '../../../src/tensorflow/wire-values.js'
import { PyFloat } from '../../../src/python/value.js'

t.test('Python values become their API form', async (t) => {
  t.equal(intOrNull('tf_random_seed', 2n ** 60n), 2n ** 60n, 'an int past 2^53 stays exact')
  t.equal(intOrNull('tf_random_seed', 7n), 7)
  t.equal(numberOrNull('save_summary_steps', new PyFloat(100)), 100, 'a float loses its .0')
  t.same([NaN, Infinity, -Infinity].map((value) => numberOrNull('save_summary_steps', value)), ['NaN', 'Infinity', '-Infinity'])
  t.equal(stringOrNull('protocol', null), null)
  t.same(strategyOrNull('train_distribute', { strategy: 'MirroredStrategy', between_graph: false }), { strategy: 'MirroredStrategy', between_graph: false })
  t.same(deviceFnOrNull('device_fn', { args: ['op'], name: 'f' }), { args: ['op'], name: 'f' })
  t.same(distributeConfigOrNull('experimental_distribute', { train_distribute: null, eval_distribute: null, remote_cluster: 'x' }),
    { train_distribute: null, eval_distribute: null, remote_cluster: 'x' })
  const proto = { allowSoftPlacement: true }
  t.equal(configProtoOrNull(proto), proto, 'a canonical ConfigProto is shown as is, not copied')
})

t.test('a value outside its API type is a bug in the port, not an answer', async (t) => {
  t.throws(() => intOrNull('tf_random_seed', 'seven'), TypeError)
  t.throws(() => numberOrNull('save_summary_steps', 'NaNa'), TypeError)
  t.throws(() => strategyOrNull('train_distribute', { strategy: 1 }), TypeError)
  t.throws(() => deviceFnOrNull('device_fn', { args: [1] }), TypeError)
  t.throws(() => objectOrNull('service', ['a']), TypeError)
  t.throws(() => configProtoOrNull('proto'), TypeError)
})
