import { render } from 'preact';
import '../shared/styles.css';
import './shop.css';
import './messages';
import { Shop } from './shop';

render(<Shop />, document.getElementById('app')!);
