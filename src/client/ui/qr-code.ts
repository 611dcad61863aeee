/**
 * A QR code drawn on the device (qrcode-generator, no network): the dark modules as one SVG path,
 * so it scales sharply and needs no inline style or HTML string (the CSP allows neither).
 */
import qrcode from 'qrcode-generator';

export interface QrDrawing {
  /** Modules per side, without the quiet zone. */
  readonly size: number;
  /** SVG path data: one 1×1 square per dark module, in module coordinates. */
  readonly path: string;
}

export function drawQr(text: string): QrDrawing {
  // Type 0 picks the smallest version that fits; level M survives a smudged or glare-lit screen.
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (qr.isDark(row, col)) parts.push(`M${col} ${row}h1v1h-1z`);
    }
  }
  return { size, path: parts.join('') };
}
