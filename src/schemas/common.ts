import { Type, type Static, type TSchema, type TSchemaOptions, type TUnsafe } from 'typebox'

const PRIMITIVE_TYPES = new Set(['string', 'number', 'integer', 'boolean'])

/**
 * `null` (Python's None) or the schema; documentation goes here, where OpenAPI shows it. A
 * primitive becomes `type: [t, "null"]`, which fast-json-stringify writes directly (an anyOf
 * costs a validation per value); anything else an anyOf.
 */
export function nullable<T extends TSchema> (schema: T, options: TSchemaOptions = {}): TUnsafe<Static<T> | null> {
  const type = (schema as { type?: unknown }).type
  return Type.Unsafe<Static<T> | null>(typeof type === 'string' && PRIMITIVE_TYPES.has(type)
    ? { ...schema, ...options, type: [type, 'null'] }
    : { ...options, anyOf: [schema, Type.Null()] })
}

/**
 * A reference to a schema published once as an OpenAPI component (it has an `$id` and is listed
 * in CONTRACT_SCHEMAS). Inlining would copy ConfigProto's 75 kB into every operation.
 */
export function ref<T extends TSchema> (schema: T, options: TSchemaOptions = {}): TUnsafe<Static<T>> {
  const id = (schema as { $id?: string }).$id
  if (id === undefined) throw new Error('ref() needs a schema with an $id')
  return Type.Unsafe<Static<T>>({ ...options, $ref: `${id}#` })
}

/** Python's exception classes, as TensorFlow's code raises them for the inputs modelled here. */
export const PythonExceptionSchema = Type.Enum([
  'ValueError', 'TypeError', 'AttributeError', 'JSONDecodeError', 'IndexError', 'OverflowError', 'RuntimeError',
  'RecursionError', 'UnicodeEncodeError'
], { description: 'The Python exception class TensorFlow raises' })
export type PythonException = Static<typeof PythonExceptionSchema>

/** What TensorFlow raises: the class and `str(exception)`. */
export const PythonErrorSchema = Type.Object({
  exception: PythonExceptionSchema,
  message: Type.String({ description: 'str(exception), verbatim' })
}, { additionalProperties: false })
export type PythonError = Static<typeof PythonErrorSchema>
