/** The Python exception classes TensorFlow's code raises for the inputs this service models. */
export type PythonException =
  | 'ValueError'
  | 'TypeError'
  | 'AttributeError'
  | 'JSONDecodeError'
  | 'IndexError'
  | 'OverflowError'
  | 'RuntimeError'
  | 'RecursionError'
  | 'UnicodeEncodeError'

/** What TensorFlow would raise: its exception class and the exact `str(exception)`. */
export class RunConfigError extends Error {
  readonly exception: PythonException

  constructor (exception: PythonException, message: string) {
    super(message)
    this.name = 'RunConfigError'
    this.exception = exception
  }
}

export function valueError (message: string): RunConfigError {
  return new RunConfigError('ValueError', message)
}

export function typeError (message: string): RunConfigError {
  return new RunConfigError('TypeError', message)
}
