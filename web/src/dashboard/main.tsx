import { render } from 'preact';
import '../shared/styles.css';
import './dashboard.css';
import { DashboardPage } from './dashboard';

render(<DashboardPage />, document.getElementById('app')!);
