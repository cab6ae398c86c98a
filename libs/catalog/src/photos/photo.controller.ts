import { Controller, Get, HttpCode, Inject, Param, Post, Res, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { memoryStorage } from 'multer';
import { Actor, badInput, CurrentActor, HttpErrorFilter, requireActor, Role, Roles } from '@app/platform';
import { ACCEPTED_TYPES, MAX_UPLOAD_BYTES } from './photo-processing';
import { PHOTO_STORAGE, PhotoStorage } from './photo-storage';
import { PhotoService } from './photo.service';
import { ListingPhotoData } from '../domain/listing';

// A photo's name is the hash of its bytes: it never changes meaning, so it may be cached for a year.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const PHOTO_NAME = /^[0-9a-f]{40}\.webp$/;

/**
 * `POST /listings/:id/photos` (multipart/form-data, one file in the field `photo`, with the bearer
 * token) adds a photo to a listing of the operator's station and answers the ListingPhoto as JSON;
 * `GET /photos/:name` serves the stored files.
 */
@Controller()
@UseFilters(HttpErrorFilter)
export class PhotoController {
  constructor(
    private readonly photos: PhotoService,
    @Inject(PHOTO_STORAGE) private readonly storage: PhotoStorage,
  ) {}

  @Post('listings/:id/photos')
  @HttpCode(201)
  @Roles(Role.STATION_OPERATOR, Role.ADMIN)
  @UseInterceptors(
    FileInterceptor('photo', {
      storage: memoryStorage(),
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 4, parts: 6 },
      fileFilter: (_req, file, done) => {
        if ((ACCEPTED_TYPES as readonly string[]).includes(file.mimetype)) done(null, true);
        else done(badInput('photo', `A photo must be a JPEG, PNG, WebP or HEIC picture, not ${file.mimetype}`), false);
      },
    }),
  )
  async upload(@CurrentActor() actor: Actor | null, @Param('id') id: string, @UploadedFile() file: Express.Multer.File | undefined): Promise<Omit<ListingPhotoData, 'listingId'>> {
    const who = requireActor(actor);
    if (!file) throw badInput('photo', 'Send the picture as the multipart field `photo`');
    // The GraphQL ListingPhoto's fields, as JSON.
    const { listingId: _listingId, ...photo } = await this.photos.add(who, id, file.buffer);
    return photo;
  }

  @Get('photos/:name')
  async serve(@Param('name') name: string, @Res() res: Response): Promise<void> {
    const object = PHOTO_NAME.test(name) ? await this.storage.get(name) : null;
    if (!object) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.setHeader('Content-Type', object.contentType);
    res.setHeader('Content-Length', String(object.size));
    res.setHeader('Cache-Control', IMMUTABLE);
    res.setHeader('ETag', `"${name.slice(0, 40)}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (res.req.headers['if-none-match'] === `"${name.slice(0, 40)}"`) {
      object.body.destroy();
      res.status(304).end();
      return;
    }
    object.body.on('error', () => res.destroy());
    object.body.pipe(res);
  }
}
