// The shop's paths live under /shop, filters and the page cursor in the query string.
import { createRouter } from '../shared/router';

export type { Location } from '../shared/router';

// `/` shows the shop too; its links all live under /shop.
export const { navigate, useLocation, Link } = createRouter('shop:navigate', () =>
  location.pathname === '/' ? '/shop' : location.pathname.replace(/\/+$/, '') || '/shop',
);
