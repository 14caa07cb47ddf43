// Attachments of a brief, prepared on the device: PDFs as they are; photos made smaller (long side at
// most 2,000 px) so an upload over a weak connection is quick. The server still checks every file by
// its content and strips photo metadata; these limits only save the citizen a refused upload.

import { normalisePersian } from '../../lib/persian.js';

export const MAX_FILES = 10;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 25 * 1024 * 1024;
export const MAX_SIDE = 2000;
export const MAX_TEXT_CHARS = 20000;
const JPEG_QUALITY = 0.85;

const PDF = 'application/pdf';

/** Width and height scaled so the long side is at most `max` (never enlarged). */
export function fitWithin(width, height, max = MAX_SIDE) {
  const long = Math.max(width, height);
  if (long <= max) return { width, height };
  const scale = max / long;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The name with the extension of `type` (a photo re-encoded as JPEG is called .jpg). */
export function renamed(name, type) {
  const extension = { [PDF]: 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[type];
  const base = (name || '').replace(/\.[^./\\]{1,8}$/, '') || 'attachment';
  return `${base}.${extension}`;
}

export function isPdf(file) {
  return file.type === PDF || (!file.type && /\.pdf$/i.test(file.name || ''));
}

export function isImage(file) {
  return (file.type || '').startsWith('image/') || /\.(jpe?g|png|heic|heif|webp)$/i.test(file.name || '');
}

async function decode(file) {
  if (typeof createImageBitmap !== 'function') throw new Error('this browser cannot read images');
  return createImageBitmap(file, { imageOrientation: 'from-image' });
}

function canvasFor(width, height) {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function encode(canvas, type) {
  const quality = type === 'image/jpeg' ? JPEG_QUALITY : undefined;
  if (typeof canvas.convertToBlob === 'function') return canvas.convertToBlob({ type, quality });
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('could not encode the image'))), type, quality),
  );
}

/**
 * {name, type, blob} ready to attach, or throws Error('not_accepted') for what is neither a PDF nor an
 * image the browser can read. JPEG and PNG already small enough are kept as they are; larger ones, and
 * other image types (HEIC, WebP…), are drawn again: PNG stays PNG (screenshots), the rest become JPEG.
 */
export async function prepareAttachment(file) {
  if (isPdf(file)) return { name: renamed(file.name, PDF), type: PDF, blob: file };
  if (!isImage(file)) throw new Error('not_accepted');
  let bitmap;
  try {
    bitmap = await decode(file);
  } catch {
    throw new Error('not_accepted');
  }
  try {
    const size = fitWithin(bitmap.width, bitmap.height);
    const keep = (file.type === 'image/jpeg' || file.type === 'image/png') && size.width === bitmap.width &&
      size.height === bitmap.height;
    if (keep) return { name: renamed(file.name, file.type), type: file.type, blob: file };
    const type = file.type === 'image/png' ? 'image/png' : 'image/jpeg';
    const canvas = canvasFor(size.width, size.height);
    const context = canvas.getContext('2d');
    if (type === 'image/jpeg') {
      context.fillStyle = '#fff'; // a transparent HEIC/WebP turns white, not black
      context.fillRect(0, 0, size.width, size.height);
    }
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    const blob = await encode(canvas, type);
    return { name: renamed(file.name, type), type, blob };
  } finally {
    bitmap.close?.();
  }
}

/** What is wrong with adding `incoming` ({name, blob}) to `current`: null or {key, params}. */
export function checkLimits(current, incoming) {
  if (current.length + 1 > MAX_FILES) return { key: 'briefs.editor.too_many', params: { max: MAX_FILES } };
  if (incoming.blob.size > MAX_FILE_BYTES) {
    return { key: 'briefs.editor.too_large', params: { name: incoming.name, max_mb: MAX_FILE_BYTES / 1048576 } };
  }
  const total = current.reduce((sum, file) => sum + file.blob.size, 0) + incoming.blob.size;
  if (total > MAX_TOTAL_BYTES) return { key: 'briefs.editor.total_too_large', params: { max_mb: MAX_TOTAL_BYTES / 1048576 } };
  return null;
}

/** The length the server counts: after the one Persian normalisation (the server does the same). */
export function countedLength(text) {
  return normalisePersian(text.replace(/\r\n?/g, '\n')).length;
}
