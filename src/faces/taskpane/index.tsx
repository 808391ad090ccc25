/** The task pane's entry: waits for Office, then renders the app inside Fluent UI's provider. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { excelActions } from './excel-actions';
import { detectHost } from './host';

async function start() {
  const host = await detectHost();
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} actions={excelActions} />
    </FluentProvider>,
  );
}

void start();
