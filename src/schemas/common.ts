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

/** What TensorFlow raises: the class and `str(exception)` (the 422 body, PythonErrorSchema, adds the status). */
export const RaisedSchema = Type.Object({
  exception: PythonExceptionSchema,
  message: Type.String({ description: 'str(exception), verbatim' })
}, { additionalProperties: false })
export type Raised = Static<typeof RaisedSchema>

/**
 * JSON data as the service reads and writes it: an integer past 2^53 is a bigint, which
 * stringifyJson prints as an exact literal (Python ints are unbounded, SPEC §14).
 */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject
export type JsonObject = { [key: string]: JsonValue }

/** How answers show the floats JSON cannot hold (as proto3 JSON does). */
export type NonFiniteFloatText = 'NaN' | 'Infinity' | '-Infinity'

/**
 * A Python int in an answer: the JSON Schema says integer, and the value is a number while it is
 * exact as one, else a bigint (same schema as Type.Integer; only the static type says more).
 */
export function exactInteger (options: TSchemaOptions = {}): TUnsafe<number | bigint> {
  return Type.Unsafe<number | bigint>(Type.Integer(options))
}

/**
 * A Python number in an answer: a JSON number, an exact integer (bigint) past 2^53, or the text of
 * NaN or ±Infinity (same schema as Type.Number; only the static type says more).
 */
export function pythonNumber (options: TSchemaOptions = {}): TUnsafe<number | bigint | NonFiniteFloatText> {
  return Type.Unsafe<number | bigint | NonFiniteFloatText>(Type.Number(options))
}
