#!/usr/bin/env node
import closeWithGrace from 'close-with-grace'
import { runCli } from './main.js'

process.exitCode = await runCli(process.argv.slice(2), process.env, {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  graceful: closeWithGrace
})
