// A copy button beside a block of text.
import { h } from './dom.js'

async function copyText (text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false // no clipboard outside a secure context (http to another host): the text is selected instead
  }
}

/** A labelled <pre> with a Copy button; when the clipboard is unavailable the text is selected. */
export function copyBlock (label: string, text: string, name: string): HTMLElement {
  const pre = h('pre', { tabindex: 0, 'data-copy-text': name }, text)
  const status = h('span', { class: 'copy-status', role: 'status' })
  const button = h('button', { type: 'button', class: 'copy' }, 'Copy')
  button.addEventListener('click', () => {
    copyText(text).then((copied) => {
      if (!copied) window.getSelection()?.selectAllChildren(pre)
      status.textContent = copied ? 'Copied' : 'Selected: press Ctrl+C to copy'
    })
  })
  return h('div', { class: 'copy-block' }, h('div', { class: 'copy-head' }, h('h3', {}, label), button, status), pre)
}
