import { Module } from '@nestjs/common';
import { WebController } from './web.controller';

/** The dashboard and station pages (built from web/ by `npm run build`), served by the API itself. */
@Module({ controllers: [WebController] })
export class WebModule {}
