import type { PythonException } from './schemas/common.js'

// the classes are the contract's (PythonExceptionSchema): one list for the core and the API
export type { PythonException }

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
