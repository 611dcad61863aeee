/**
 * The browser's image decoding for photos (the ImageProcessor of src/client/db/photo-repository.ts):
 * createImageBitmap, which turns the image as the camera held it (EXIF orientation), and a canvas
 * (OffscreenCanvas where there is one, a <canvas> otherwise) to make the thumbnail and to convert
 * types the app does not keep (HEIC on an iPad) to JPEG. Everything stays on the device.
 */
import { PHOTO_LIMITS } from '../../../../shared/domain/photo.ts';
import type { ImageProcessor } from '../../../db/photo-repository.ts';

const THUMBNAIL_QUALITY = 0.7;
const CONVERTED_QUALITY = 0.9;

async function encodeJpeg(
  bitmap: ImageBitmap,
  width: number,
  height: number,
  quality: number,
): Promise<Blob> {
  const draw = (context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null) => {
    if (!context) throw new Error('This browser cannot draw images');
    // JPEG has no transparency: a PNG's see-through parts become white, not black.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
  };
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    draw(canvas.getContext('2d'));
    return canvas.convertToBlob({ type: 'image/jpeg', quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  draw(canvas.getContext('2d'));
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The image could not be encoded'))),
      'image/jpeg',
      quality,
    ),
  );
}

function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The thumbnail could not be read'));
    reader.readAsDataURL(blob);
  });
}

async function withBitmap<T>(image: Blob, use: (bitmap: ImageBitmap) => Promise<T>): Promise<T> {
  const bitmap = await createImageBitmap(image);
  try {
    return await use(bitmap);
  } finally {
    bitmap.close();
  }
}

export const browserImages: ImageProcessor = {
  describe: (image) =>
    withBitmap(image, async (bitmap) => {
      const { width, height } = bitmap;
      const scale = Math.min(1, PHOTO_LIMITS.thumbnailEdge / Math.max(width, height));
      const thumbnail = await encodeJpeg(
        bitmap,
        Math.max(1, Math.round(width * scale)),
        Math.max(1, Math.round(height * scale)),
        THUMBNAIL_QUALITY,
      );
      return { width, height, thumbnail: await dataUrl(thumbnail) };
    }),
  toJpeg: (image) =>
    withBitmap(image, (bitmap) => encodeJpeg(bitmap, bitmap.width, bitmap.height, CONVERTED_QUALITY)),
};
