import { render } from 'preact';
import '../shared/styles.css';
import './admin.css';
import { AdminPage } from './admin';

render(<AdminPage />, document.getElementById('app')!);
