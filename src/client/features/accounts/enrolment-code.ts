/** An enrolment code as people read it: eight characters shown as XXXX-XXXX. */
export function formatEnrolmentCode(code: string): string {
  const plain = code.replace(/[\s-]/g, '').toUpperCase();
  return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain;
}

/** The link a shared tablet's camera opens: the enrol screen with the code filled in. */
export function enrolmentLink(origin: string, code: string): string {
  const url = new URL('/enrol', origin);
  url.searchParams.set('code', code.replace(/[\s-]/g, '').toUpperCase());
  return url.href;
}
