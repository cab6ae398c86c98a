import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';

/** A stored photo file as the server hands it out. */
export interface StoredObject {
  body: Readable;
  size: number;
  contentType: string;
}

/**
 * Where photo files live. Names are content hashes, so an object never changes once written: `put` of
 * a name that exists may skip the write. The local disk is the default; an S3-compatible store (a
 * PutObject / GetObject pair keyed by the same name) implements the same three methods.
 */
export interface PhotoStorage {
  put(name: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The object, or null when there is none of that name. */
  get(name: string): Promise<StoredObject | null>;
  has(name: string): Promise<boolean>;
}

export const PHOTO_STORAGE = Symbol('PHOTO_STORAGE');

const CONTENT_TYPES: Record<string, string> = { webp: 'image/webp', jpg: 'image/jpeg', png: 'image/png' };

/** Photos as files under `DATA_DIR/photos`, written through a temp file so a reader never sees half of one. */
export class LocalPhotoStorage implements PhotoStorage {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(resolve(dataDir), 'photos');
  }

  async put(name: string, bytes: Buffer): Promise<void> {
    if (await this.has(name)) return;
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `.${name}.${process.pid}.${Date.now()}.tmp`);
    await writeFile(temp, bytes);
    await rename(temp, join(this.dir, name));
  }

  async get(name: string): Promise<StoredObject | null> {
    const path = join(this.dir, name);
    try {
      const info = await stat(path);
      if (!info.isFile()) return null;
      const extension = name.slice(name.lastIndexOf('.') + 1);
      return { body: createReadStream(path), size: info.size, contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream' };
    } catch {
      return null;
    }
  }

  async has(name: string): Promise<boolean> {
    try {
      return (await stat(join(this.dir, name))).isFile();
    } catch {
      return false;
    }
  }
}
