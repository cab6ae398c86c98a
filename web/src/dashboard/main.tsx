import { render } from 'preact';
import '../shared/styles.css';
import './dashboard.css';
import './messages';
import { ConsolePage } from './console';

render(<ConsolePage />, document.getElementById('app')!);
