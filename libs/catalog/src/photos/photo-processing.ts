import { createHash } from 'node:crypto';
import type Sharp from 'sharp';

// What an upload becomes: the picture decoded (which is the real type check: the declared type only
// filters early), turned upright by its EXIF orientation, stripped of its metadata (a phone's GPS
// position of the farm is not the buyer's business), and re-encoded as WebP in a few widths for
// `srcset`. Each file is named after the hash of its bytes.

export const PHOTO_WIDTHS = [320, 640, 1280] as const;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Declared types accepted; HEIF is what iPhones send. */
export const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/avif'] as const;
const DECODABLE_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif', 'avif']);
/** A bigger picture than a 50-megapixel phone's is refused before it is decoded (decompression bombs). */
const MAX_PIXELS = 50_000_000;
const MIN_SIDE = 200;

export interface PhotoVariantFile {
  name: string;
  width: number;
  height: number;
  bytes: Buffer;
}

export class PhotoRejected extends Error {}

let loaded: Promise<typeof Sharp> | undefined;

/**
 * sharp (libvips), loaded by the first upload: ~8 MiB of resident memory that a server which is never
 * sent a photo does not need. Configured then for a server that mostly answers queries: libvips keeps
 * no cache of decoded images between uploads (each upload is decoded once), and one upload uses one
 * thread (libvips' per-thread buffers otherwise grow the resident memory by each core's share).
 */
function sharpModule(): Promise<typeof Sharp> {
  loaded ??= import('sharp').then((m) => {
    const sharp = (m as { default?: typeof Sharp }).default ?? (m as unknown as typeof Sharp);
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  });
  return loaded;
}

/** The variants of an uploaded picture, smallest first; PhotoRejected when it is not a usable picture. */
export async function processPhoto(input: Buffer): Promise<PhotoVariantFile[]> {
  const sharp = await sharpModule();
  let metadata: Sharp.Metadata;
  try {
    metadata = await sharp(input, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    throw new PhotoRejected('The file is not a picture this server can read (JPEG, PNG, WebP or HEIC).');
  }
  if (!metadata.format || !DECODABLE_FORMATS.has(metadata.format)) {
    throw new PhotoRejected(`Pictures in ${metadata.format ?? 'this'} format are not accepted: send a JPEG, PNG, WebP or HEIC.`);
  }
  const upright = (metadata.orientation ?? 1) >= 5;
  const width = (upright ? metadata.height : metadata.width) ?? 0;
  const height = (upright ? metadata.width : metadata.height) ?? 0;
  if (Math.min(width, height) < MIN_SIDE) throw new PhotoRejected(`The picture is ${width}x${height}; it must be at least ${MIN_SIDE} pixels on each side.`);

  // Each standard width below the picture's own, then the picture itself up to the largest: never enlarged.
  const largest = PHOTO_WIDTHS[PHOTO_WIDTHS.length - 1];
  const widths = [...PHOTO_WIDTHS.filter((w) => w < Math.min(width, largest)), Math.min(width, largest)];
  const variants: PhotoVariantFile[] = [];
  for (const target of widths) {
    try {
      const { data, info } = await sharp(input, { limitInputPixels: MAX_PIXELS })
        .rotate()
        .resize({ width: target, withoutEnlargement: true })
        .webp({ quality: 78 })
        .toBuffer({ resolveWithObject: true });
      variants.push({ name: `${createHash('sha256').update(data).digest('hex').slice(0, 40)}.webp`, width: info.width, height: info.height, bytes: data });
    } catch {
      throw new PhotoRejected('The picture could not be decoded; it may be damaged. Take or export it again.');
    }
  }
  return variants;
}
