export { Role } from '@app/platform';
