/** Lets Enter submit a form whose visible submit button lives outside it (a Modal's OK button). */
export function HiddenSubmit() {
  return <button type="submit" aria-hidden tabIndex={-1} style={{ display: 'none' }} />;
}
