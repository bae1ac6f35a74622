// The two DOM helpers the page's modules share: writing text only when it changes, and
// reading the JSON the build put in a <template>.

/** Write text only when it differs: an unchanged node costs the browser no layout. */
export function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/** The JSON the build put in a <template> (inert text, never executed). */
export function readJson(template) {
  return JSON.parse(template.content.textContent);
}
