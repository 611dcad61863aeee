/**
 * The blob store's types from a file's first bytes (images, and PDF by `%PDF-` at offset 0 only),
 * never from its name; and the name a file is saved under, ending in its type's extension.
 */
import { describe, expect, it } from 'vitest';
import { fileNameFor, isBlobMime, sniffBlobMime } from '../../../../src/shared/domain/blob-types.ts';
import { sniffPhotoMime } from '../../../../src/shared/domain/photo.ts';

const bytes = (text: string) => new TextEncoder().encode(text.padEnd(16, ' '));

describe('blob types', () => {
  it('knows a PDF by its header at the start, and the photos’ images as before', () => {
    expect(sniffBlobMime(bytes('%PDF-1.7\n%âãÏÓ'))).toBe('application/pdf');
    expect(sniffBlobMime(bytes('%PDF-2.0'))).toBe('application/pdf');
    expect(sniffBlobMime(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toBe('image/jpeg');
    expect(sniffBlobMime(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      'image/png',
    );
    expect(sniffBlobMime(bytes('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
  });

  it('refuses what only pretends to be a PDF: HTML, SVG, the header further in, a near miss, nothing', () => {
    for (const text of [
      '<!doctype html><script>alert(1)</script>',
      '<svg xmlns="http://www.w3.org/2000/svg">',
      '<?xml version="1.0"?><svg/>',
      ' %PDF-1.7',
      '\uFEFF%PDF-1.7',
      '%PDF1.7',
      '%pdf-1.7',
      '%!PS-Adobe-3.0',
    ]) {
      expect(sniffBlobMime(bytes(text)), text).toBeNull();
    }
    expect(sniffBlobMime(new Uint8Array(0))).toBeNull();
    expect(sniffBlobMime(new TextEncoder().encode('%PDF'))).toBeNull();
  });

  it('keeps a photo an image: the photos’ own check does not take a PDF', () => {
    expect(sniffPhotoMime(bytes('%PDF-1.7'))).toBeNull();
  });

  it('takes only the types it keeps as declared types', () => {
    expect(isBlobMime('application/pdf')).toBe(true);
    expect(isBlobMime('image/webp')).toBe(true);
    for (const type of ['image/svg+xml', 'text/html', 'application/PDF', '', undefined]) {
      expect(isBlobMime(type)).toBe(false);
    }
  });

  it('saves a file under its name, with the extension of what it is', () => {
    expect(fileNameFor('Enkät 2026.pdf', 'application/pdf')).toBe('Enkät 2026.pdf');
    expect(fileNameFor('Karta.PDF', 'application/pdf')).toBe('Karta.PDF');
    expect(fileNameFor('karta.html', 'application/pdf')).toBe('karta.pdf');
    expect(fileNameFor('sammanfattning', 'application/pdf')).toBe('sammanfattning.pdf');
    expect(fileNameFor('skiss.jpeg', 'image/jpeg')).toBe('skiss.jpeg');
    expect(fileNameFor('skiss.png', 'image/jpeg')).toBe('skiss.jpg');
    expect(fileNameFor('../../etc/passwd', 'application/pdf')).toBe('.._.._etc_passwd.pdf');
    expect(fileNameFor('a\u0000b\nc.pdf', 'application/pdf')).toBe('a_b_c.pdf');
    expect(fileNameFor('.pdf', 'application/pdf')).toBe('file.pdf');
    expect(fileNameFor('', 'image/png')).toBe('file.png');
    expect(fileNameFor('خريطة.pdf', 'application/pdf')).toBe('خريطة.pdf');
  });
});
