// A tiny element builder: text goes in as text nodes, never as HTML, so nothing the service or
// a pasted cluster says can inject markup.

type Child = Node | string | null | undefined | false
type Attrs = Record<string, string | number | undefined>

function fill<E extends Element> (element: E, attrs: Attrs, children: Child[]): E {
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) element.setAttribute(name, String(value))
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child)
  return element
}

export function h<K extends keyof HTMLElementTagNameMap> (tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  return fill(document.createElement(tag), attrs, children)
}

export function s<K extends keyof SVGElementTagNameMap> (tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  return fill(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, children)
}
