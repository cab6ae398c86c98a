import { render } from 'preact';
import '../shared/styles.css';
import './station.css';
import { StationPage } from './station';

render(<StationPage />, document.getElementById('app')!);
